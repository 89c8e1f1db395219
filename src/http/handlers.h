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

/* reporting requests and campaigns (http/reporting/, http/campaign/) */

/* the provincial registers (http/certification/, http/training/, http/helpdesk/ ...) */
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

/* the quality-month event (http/honours/, http/contest/, http/nqi/ ...) */

/* the engine: corrections and leftovers */

#endif
