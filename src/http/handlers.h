/*
 * handlers.h - every request handler, one file per resource (h_<resource>.c),
 * wired to paths in http/routes.c.
 */
#ifndef PX_HTTP_HANDLERS_H
#define PX_HTTP_HANDLERS_H

#include "http/http.h"

void h_health(struct http_req *r);
void h_session_create(struct http_req *r);
void h_session_get(struct http_req *r);
void h_session_delete(struct http_req *r);
void h_accounts_list(struct http_req *r);
void h_accounts_get(struct http_req *r);
void h_accounts_create(struct http_req *r);
void h_accounts_password(struct http_req *r);
void h_audit_head(struct http_req *r);
void h_audit_verify(struct http_req *r);
void h_recommendations_xlsx(struct http_req *r);
void h_review_report_pdf(struct http_req *r);
void h_programmes_list(struct http_req *r);
void h_programmes_get(struct http_req *r);
void h_programmes_create(struct http_req *r);
void h_programmes_advance(struct http_req *r);
void h_programmes_stage_extend(struct http_req *r);
void h_programmes_notices(struct http_req *r);
void h_notices_get(struct http_req *r);
void h_clock_get(struct http_req *r);
void h_clock_set(struct http_req *r);
void h_calendar_get(struct http_req *r);
void h_programmes_forms(struct http_req *r);

/* the office stages of an award: qualification review to certificates */
void h_qualification_list(struct http_req *r);
void h_qualification_decide(struct http_req *r);
void h_qualification_opinion_add(struct http_req *r);
void h_qualification_opinions(struct http_req *r);
void h_supplements_request(struct http_req *r);
void h_supplements_of_application(struct http_req *r);
void h_supplements_answer(struct http_req *r);
void h_supplements_of_programme(struct http_req *r);
void h_acceptance_notice(struct http_req *r);
void h_experts_import(struct http_req *r);
void h_experts_list(struct http_req *r);
void h_experts_remove(struct http_req *r);
void h_draws_commit(struct http_req *r);
void h_draws_list(struct http_req *r);
void h_draws_run(struct http_req *r);
void h_draws_abandon(struct http_req *r);
void h_draws_get(struct http_req *r);
void h_assignments_recuse(struct http_req *r);
void h_assignments_replace(struct http_req *r);
void h_reviews_mine(struct http_req *r);
void h_reviews_submit(struct http_req *r);
void h_reviews_panel(struct http_req *r);
void h_results_list(struct http_req *r);
void h_results_report(struct http_req *r);
void h_ranking_get(struct http_req *r);
void h_shortlist_decide(struct http_req *r);
void h_feedback_get(struct http_req *r);
void h_deliberation_record(struct http_req *r);
void h_proposed_notice(struct http_req *r);
void h_approval_record(struct http_req *r);
void h_certificates_issue(struct http_req *r);
void h_certificates_verify(struct http_req *r);
void h_certificates_list(struct http_req *r);
void h_reviews_progress(struct http_req *r);
void h_certificates_qr(struct http_req *r);
void h_certificates_pdf(struct http_req *r);
void h_winners_get(struct http_req *r);
/* the award: applicants, applications (h_applicants.c, h_applications.c) */
void h_organisations_create(struct http_req *r);
void h_organisations_get(struct http_req *r);
void h_persons_create(struct http_req *r);
void h_persons_get(struct http_req *r);
void h_past_winners_create(struct http_req *r);
void h_past_winners_list(struct http_req *r);
void h_past_winners_remove(struct http_req *r);
void h_past_winners_correct(struct http_req *r);
void h_applicants_mine(struct http_req *r);
void h_registration_attempts(struct http_req *r);
void h_applications_create(struct http_req *r);
void h_applications_list(struct http_req *r);
void h_applications_get(struct http_req *r);
void h_applications_form(struct http_req *r);
void h_applications_internal_notice(struct http_req *r);
void h_applications_attest(struct http_req *r);
void h_applications_submit(struct http_req *r);

/* evidence PDFs (h_documents.c) */
extern const struct http_upload_spec h_documents_upload_spec;
void h_documents_upload(struct http_req *r);
void h_documents_get(struct http_req *r);

/* the county stage (h_county.c) */
void h_county_check(struct http_req *r);
void h_county_opinion(struct http_req *r);
void h_county_notice(struct http_req *r);
void h_county_recommend(struct http_req *r);
void h_county_recommendations(struct http_req *r);

/* objections (h_objections.c) */
void h_objections_file(struct http_req *r);
void h_objections_forward(struct http_req *r);
void h_objections_reply(struct http_req *r);
void h_objections_decide(struct http_req *r);
void h_objections_list(struct http_req *r);

/* the brand ranking and its public vote (http/ranking/, http/vote/) */
/* the public vote (http/vote/h_vote.c, h_vote_office.c) */
void h_vote_codes(struct http_req *r);
void h_vote_sessions(struct http_req *r);
void h_vote_receipt(struct http_req *r);
void h_vote_candidates(struct http_req *r);
void h_vote_cast(struct http_req *r);
void h_vote_counts(struct http_req *r);
void h_vote_exclusions(struct http_req *r);
void h_vote_quarantine_list(struct http_req *r);
void h_vote_quarantine_decide(struct http_req *r);
void h_vote_snapshot_take(struct http_req *r);
void h_vote_log(struct http_req *r);
void h_vote_monitor(struct http_req *r);
void h_ranking_rules(struct http_req *r);
void h_ranking_register(struct http_req *r);
void h_ranking_registrations(struct http_req *r);
void h_ranking_registration(struct http_req *r);
void h_ranking_panel_set(struct http_req *r);
void h_ranking_panels(struct http_req *r);
void h_ranking_sheet(struct http_req *r);
void h_ranking_score(struct http_req *r);
void h_ranking_scores(struct http_req *r);
void h_ranking_composite(struct http_req *r);
void h_ranking_publish(struct http_req *r);
void h_ranking_lists(struct http_req *r);
void h_ranking_lists_xlsx(struct http_req *r);
void h_ranking_poster(struct http_req *r);
void h_ranking_map(struct http_req *r);

/* reporting requests and campaigns (http/reporting/, http/campaign/) */
void h_report_requests_create(struct http_req *r);
void h_report_requests_get(struct http_req *r);
void h_report_requests_status(struct http_req *r);
void h_report_requests_draft(struct http_req *r);
void h_report_requests_submit(struct http_req *r);
void h_report_requests_return(struct http_req *r);
void h_report_requests_versions(struct http_req *r);
void h_report_requests_remind(struct http_req *r);
extern const struct http_upload_spec h_report_files_upload_spec;
void h_report_files_upload(struct http_req *r);
void h_report_files_get(struct http_req *r);
void h_reporting_mine(struct http_req *r);
void h_programme_report_requests(struct http_req *r);
void h_unit_contact_get(struct http_req *r);
void h_unit_contact_set(struct http_req *r);
void h_campaign_contacts_import(struct http_req *r);
void h_campaign_get(struct http_req *r);
void h_campaign_logo(struct http_req *r);
extern const struct http_upload_spec h_campaign_logo_upload_spec;
void h_campaign_logo_set(struct http_req *r);
void h_campaign_open_requests(struct http_req *r);
void h_campaign_plan(struct http_req *r);
void h_campaign_activities(struct http_req *r);
void h_campaign_approve(struct http_req *r);
void h_campaign_calendar(struct http_req *r);
void h_campaign_media(struct http_req *r);
void h_campaign_media_plan(struct http_req *r);
void h_campaign_media_publish(struct http_req *r);
void h_campaign_material_add(struct http_req *r);
extern const struct http_upload_spec h_campaign_photos_upload_spec;
void h_campaign_material_photos(struct http_req *r);
void h_campaign_material_file(struct http_req *r);
void h_campaign_document(struct http_req *r);
void h_campaign_document_edit(struct http_req *r);
void h_campaign_document_issue(struct http_req *r);
void h_campaign_document_file(struct http_req *r);

/* the provincial registers (http/certification/, http/training/, http/helpdesk/ ...) */
void h_certification_recommend(struct http_req *r);
void h_certification_city_list(struct http_req *r);
void h_certification_certify(struct http_req *r);
void h_certification_summary(struct http_req *r);
void h_register_of_programme(struct http_req *r);
void h_register_search(struct http_req *r);
void h_register_get(struct http_req *r);
void h_register_change(struct http_req *r);
void h_register_verify(struct http_req *r);
void h_register_qr(struct http_req *r);
void h_helpdesk_providers_add(struct http_req *r);
void h_helpdesk_providers_list(struct http_req *r);
void h_helpdesk_problems_add(struct http_req *r);
void h_helpdesk_problems_list(struct http_req *r);
void h_helpdesk_problems_get(struct http_req *r);
void h_helpdesk_problems_step(struct http_req *r);
void h_helpdesk_problems_assign(struct http_req *r);
void h_helpdesk_rate(struct http_req *r);
void h_helpdesk_reopen(struct http_req *r);
void h_helpdesk_from_review(struct http_req *r);
void h_helpdesk_stats(struct http_req *r);
void h_training_courses_create(struct http_req *r);
void h_training_courses_list(struct http_req *r);
void h_training_courses_get(struct http_req *r);
void h_training_enrol(struct http_req *r);
void h_training_mark(struct http_req *r);
void h_training_code(struct http_req *r);
void h_training_checkin(struct http_req *r);
void h_training_score(struct http_req *r);
void h_training_complete(struct http_req *r);
void h_training_verify(struct http_req *r);
void h_training_stats(struct http_req *r);
void h_targets_get(struct http_req *r);
void h_targets_summaries(struct http_req *r);
void h_survey_create(struct http_req *r);
void h_survey_list(struct http_req *r);
void h_survey_get(struct http_req *r);
void h_survey_answer(struct http_req *r);
void h_survey_benchmark_add(struct http_req *r);
void h_survey_comparison(struct http_req *r);
void h_survey_comparison_xlsx(struct http_req *r);
void h_survey_gap_problem(struct http_req *r);
void h_models_candidates(struct http_req *r);
void h_models_choose(struct http_req *r);
void h_models_promote(struct http_req *r);
void h_models_showcase(struct http_req *r);

/* the quality-month event (http/honours/, http/contest/, http/nqi/ ...) */
void h_honours_import(struct http_req *r);
void h_honours_list(struct http_req *r);
void h_honours_enterprise(struct http_req *r);
void h_honours_totals(struct http_req *r);
void h_honours_publish(struct http_req *r);
void h_keyworks_create(struct http_req *r);
void h_keyworks_list(struct http_req *r);
void h_keyworks_mine(struct http_req *r);
void h_keyworks_get(struct http_req *r);
void h_keyworks_milestone_add(struct http_req *r);
void h_keyworks_milestone_done(struct http_req *r);
void h_keyworks_owners(struct http_req *r);
void h_keyworks_board(struct http_req *r);
void h_keyworks_board_xlsx(struct http_req *r);
void h_honour_lists_get(struct http_req *r);
void h_contest_rules(struct http_req *r);
extern const struct http_upload_spec h_contest_works_upload_spec;
void h_contest_works_add(struct http_req *r);
void h_contest_entry_submit(struct http_req *r);
void h_contest_entry_get(struct http_req *r);
void h_contest_work_file(struct http_req *r);
void h_contest_judge(struct http_req *r);
void h_contest_board(struct http_req *r);
void h_contest_publish(struct http_req *r);
void h_contest_gallery(struct http_req *r);
void h_nqi_import(struct http_req *r);
void h_nqi_record_institution(struct http_req *r);
void h_nqi_record_enterprise(struct http_req *r);
void h_nqi_record_service(struct http_req *r);
void h_nqi_services(struct http_req *r);
void h_nqi_board(struct http_req *r);
void h_nqi_institutions(struct http_req *r);
void h_nqi_enterprises(struct http_req *r);
void h_nqi_catalogue(struct http_req *r);
void h_brandvalue_open(struct http_req *r);
void h_brandvalue_rounds(struct http_req *r);
void h_brandvalue_round(struct http_req *r);
void h_brandvalue_submit(struct http_req *r);
void h_brandvalue_compute(struct http_req *r);
void h_brandvalue_results(struct http_req *r);
void h_brandvalue_submission(struct http_req *r);
void h_brandvalue_report(struct http_req *r);

/* the engine: corrections and leftovers */

#endif
