/*
 * routes.c - the route table: every path the server answers, the roles each
 * admits, and its flags. Authorization starts here (fail closed: a route
 * admits only the roles listed) and continues per resource in the use case.
 */
#include "http/handlers.h"

#define R(m, p, fn, roles, flags) { m, p, fn, roles, flags }
/* a public read: the same answer for everyone, kept in memory with an ETag (http/cache.h) */
#define PUBLIC HTTP_PUBLIC_CACHE
#define OFFICE ROLE_BIT(ROLE_OFFICE)
#define LEADER ROLE_BIT(ROLE_LEADER)
#define MEMBER ROLE_BIT(ROLE_MEMBER)
#define EXPERT ROLE_BIT(ROLE_EXPERT)
#define APPLICANT ROLE_BIT(ROLE_APPLICANT)
#define AWARD_READERS (OFFICE | LEADER | MEMBER)
#define COUNTY ROLE_BIT(ROLE_COUNTY)
/* those who fill in applications: the applicant, or its county / the office on its behalf */
#define APPLY (ROLE_BIT(ROLE_APPLICANT) | ROLE_BIT(ROLE_COUNTY) | ROLE_BIT(ROLE_OFFICE))
#define SCOPED (ROLE_BIT(ROLE_OFFICE) | ROLE_BIT(ROLE_LEADER) | ROLE_BIT(ROLE_COUNTY) | ROLE_BIT(ROLE_MEMBER))

const struct http_route http_routes[] = {
	R("GET", "/api/v1/health", h_health, ROLES_ANY, 0),
	R("POST", "/api/v1/session", h_session_create, ROLES_ANY, HTTP_CSRF_EXEMPT),
	R("GET", "/api/v1/session", h_session_get, ROLES_SIGNED_IN, 0),
	R("DELETE", "/api/v1/session", h_session_delete, ROLES_SIGNED_IN, 0),
	R("GET", "/api/v1/accounts", h_accounts_list, SCOPED, 0),
	R("POST", "/api/v1/accounts", h_accounts_create, OFFICE, 0),
	R("GET", "/api/v1/accounts/{id}", h_accounts_get, ROLES_SIGNED_IN, 0),
	R("POST", "/api/v1/accounts/{id}/password", h_accounts_password, ROLES_SIGNED_IN, 0),
	R("GET", "/api/v1/audit/head", h_audit_head, ROLES_ANY, 0),
	R("GET", "/api/v1/clock", h_clock_get, ROLES_ANY, 0),
	R("GET", "/api/v1/calendar", h_calendar_get, ROLES_ANY, 0),
	R("POST", "/api/v1/clock", h_clock_set, OFFICE, 0),

	R("GET", "/api/v1/programmes", h_programmes_list, ROLES_ANY, PUBLIC),
	R("POST", "/api/v1/programmes", h_programmes_create, OFFICE, 0),
	R("GET", "/api/v1/programmes/{id}", h_programmes_get, ROLES_ANY, PUBLIC),
	R("GET", "/api/v1/programmes/{id}/forms", h_programmes_forms, ROLES_ANY, 0),
	R("POST", "/api/v1/programmes/{id}/advance", h_programmes_advance, OFFICE, 0),
	R("POST", "/api/v1/programmes/{id}/stages/{code}/extension", h_programmes_stage_extend, OFFICE, 0),
	R("GET", "/api/v1/programmes/{id}/notices", h_programmes_notices, ROLES_ANY, PUBLIC),
	R("GET", "/api/v1/notices/{id}", h_notices_get, ROLES_ANY, PUBLIC),
	/* documents made on request (h_downloads.c) */
	R("GET", "/api/v1/programmes/{id}/recommendations.xlsx", h_recommendations_xlsx, OFFICE | LEADER | COUNTY, 0),
	R("GET", "/api/v1/applications/{id}/review-report.pdf", h_review_report_pdf, OFFICE | APPLICANT, 0),

	/* the office stages of an award (h_qualification.c ... h_certificates.c) */
	R("GET", "/api/v1/programmes/{id}/qualification", h_qualification_list, AWARD_READERS, 0),
	R("POST", "/api/v1/applications/{id}/qualification", h_qualification_decide, OFFICE, 0),
	R("POST", "/api/v1/applications/{id}/qualification/opinions", h_qualification_opinion_add, MEMBER, 0),
	R("GET", "/api/v1/applications/{id}/qualification/opinions", h_qualification_opinions, AWARD_READERS, 0),
	R("POST", "/api/v1/applications/{id}/supplements", h_supplements_request, OFFICE, 0),
	R("GET", "/api/v1/applications/{id}/supplements", h_supplements_of_application, OFFICE | APPLICANT, 0),
	R("POST", "/api/v1/supplements/{id}/answer", h_supplements_answer, APPLICANT, 0),
	R("GET", "/api/v1/programmes/{id}/supplements", h_supplements_of_programme, OFFICE, 0),
	R("POST", "/api/v1/programmes/{id}/acceptance-notice", h_acceptance_notice, OFFICE, 0),
	R("POST", "/api/v1/experts/import", h_experts_import, OFFICE, 0),
	R("GET", "/api/v1/experts", h_experts_list, OFFICE, 0),
	R("POST", "/api/v1/experts/{id}/remove", h_experts_remove, OFFICE, 0),
	R("POST", "/api/v1/programmes/{id}/draws", h_draws_commit, OFFICE, 0),
	R("GET", "/api/v1/programmes/{id}/draws", h_draws_list, ROLES_ANY, 0),
	R("POST", "/api/v1/draws/{id}/run", h_draws_run, OFFICE, 0),
	R("POST", "/api/v1/draws/{id}/abandon", h_draws_abandon, OFFICE, 0),
	R("GET", "/api/v1/draws/{id}", h_draws_get, ROLES_ANY, 0),
	R("POST", "/api/v1/assignments/{id}/recuse", h_assignments_recuse, OFFICE | EXPERT, 0),
	R("POST", "/api/v1/assignments/{id}/replace", h_assignments_replace, OFFICE, 0),
	R("GET", "/api/v1/reviews/mine", h_reviews_mine, EXPERT, 0),
	R("POST", "/api/v1/assignments/{id}/review", h_reviews_submit, EXPERT, 0),
	R("GET", "/api/v1/applications/{id}/reviews", h_reviews_panel, OFFICE | EXPERT, 0),
	R("GET", "/api/v1/programmes/{id}/results", h_results_list, OFFICE | LEADER, 0),
	R("GET", "/api/v1/applications/{id}/review-report", h_results_report, OFFICE | APPLICANT, 0),
	R("POST", "/api/v1/programmes/{id}/shortlist", h_shortlist_decide, OFFICE, 0),
	R("GET", "/api/v1/applications/{id}/feedback", h_feedback_get, OFFICE | APPLICANT, 0),
	R("GET", "/api/v1/programmes/{id}/ranking", h_ranking_get, OFFICE | LEADER, 0),
	R("POST", "/api/v1/programmes/{id}/deliberation", h_deliberation_record, LEADER, 0),
	R("POST", "/api/v1/programmes/{id}/proposed-notice", h_proposed_notice, OFFICE, 0),
	R("POST", "/api/v1/programmes/{id}/approval", h_approval_record, OFFICE, 0),
	R("POST", "/api/v1/programmes/{id}/certificates", h_certificates_issue, OFFICE, 0),
	R("GET", "/api/v1/certificates/verify/{code}", h_certificates_verify, ROLES_ANY, PUBLIC),
	R("GET", "/api/v1/certificates/{id}/pdf", h_certificates_pdf, OFFICE | APPLICANT, 0),
	R("GET", "/api/v1/programmes/{id}/winners", h_winners_get, ROLES_ANY, PUBLIC),
	/* the award: applicants and applications (清强市办〔2025〕20号 step 1) */
	R("POST", "/api/v1/organisations", h_organisations_create, APPLY, 0),
	R("GET", "/api/v1/organisations/{id}", h_organisations_get, ROLES_SIGNED_IN, 0),
	R("POST", "/api/v1/persons", h_persons_create, APPLY, 0),
	R("GET", "/api/v1/persons/{id}", h_persons_get, ROLES_SIGNED_IN, 0),
	R("GET", "/api/v1/applicants/mine", h_applicants_mine, APPLICANT, 0),
	R("GET", "/api/v1/registration-attempts", h_registration_attempts, APPLICANT | COUNTY | OFFICE, 0),
	R("POST", "/api/v1/past-winners", h_past_winners_create, OFFICE, 0),
	R("GET", "/api/v1/past-winners", h_past_winners_list, OFFICE, 0),
	R("POST", "/api/v1/past-winners/{id}/remove", h_past_winners_remove, OFFICE, 0),
	R("PUT", "/api/v1/past-winners/{id}", h_past_winners_correct, OFFICE, 0),
	R("POST", "/api/v1/programmes/{id}/applications", h_applications_create, APPLY, 0),
	R("GET", "/api/v1/programmes/{id}/applications", h_applications_list, SCOPED | APPLICANT, 0),
	R("GET", "/api/v1/applications/{id}", h_applications_get, SCOPED | APPLICANT, 0),
	R("PUT", "/api/v1/applications/{id}/form", h_applications_form, APPLY, 0),
	R("POST", "/api/v1/applications/{id}/internal-notice", h_applications_internal_notice, APPLY, 0),
	R("POST", "/api/v1/applications/{id}/attest", h_applications_attest, APPLY, 0),
	R("POST", "/api/v1/applications/{id}/submit", h_applications_submit, APPLY, 0),
	{ "POST", "/api/v1/applications/{id}/documents", h_documents_upload, APPLY, HTTP_UPLOAD,
	  &h_documents_upload_spec },
	R("GET", "/api/v1/documents/{id}", h_documents_get, ROLES_SIGNED_IN, 0),

	/* the award: the county stage (清强市办〔2025〕20号 step 2) */
	R("POST", "/api/v1/applications/{id}/county-check", h_county_check, COUNTY, 0),
	R("POST", "/api/v1/applications/{id}/opinions", h_county_opinion, COUNTY | ROLE_BIT(ROLE_MEMBER), 0),
	R("POST", "/api/v1/programmes/{id}/county-notice", h_county_notice, COUNTY, 0),
	R("POST", "/api/v1/programmes/{id}/recommendations", h_county_recommend, COUNTY, 0),
	R("GET", "/api/v1/programmes/{id}/recommendations", h_county_recommendations,
	  OFFICE | COUNTY | ROLE_BIT(ROLE_LEADER), 0),

	/* the award: objections (清强市办〔2025〕20号 section 9); filing is open to the public */
	R("POST", "/api/v1/applications/{id}/objections", h_objections_file, ROLES_ANY, 0),
	R("POST", "/api/v1/objections/{id}/forward", h_objections_forward, OFFICE, 0),
	R("POST", "/api/v1/objections/{id}/reply", h_objections_reply, COUNTY, 0),
	R("POST", "/api/v1/objections/{id}/decide", h_objections_decide, OFFICE, 0),
	R("GET", "/api/v1/programmes/{id}/objections", h_objections_list, OFFICE | COUNTY | ROLE_BIT(ROLE_LEADER), 0),

	/* the brand ranking and its public vote (Guangzhou 2022) */
	/* the public vote (docs/vote.md): codes, voter sessions, ballots, receipts, counts */
	R("POST", "/api/v1/vote/codes", h_vote_codes, ROLES_ANY, HTTP_CSRF_EXEMPT),
	R("POST", "/api/v1/vote/sessions", h_vote_sessions, ROLES_ANY, HTTP_CSRF_EXEMPT),
	R("GET", "/api/v1/vote/receipts/{code}", h_vote_receipt, ROLES_ANY, 0),
	R("GET", "/api/v1/programmes/{id}/vote/candidates", h_vote_candidates, ROLES_ANY, 0),
	R("POST", "/api/v1/programmes/{id}/votes", h_vote_cast, ROLES_ANY, HTTP_CSRF_EXEMPT),
	R("GET", "/api/v1/programmes/{id}/vote/counts", h_vote_counts, ROLES_ANY, PUBLIC),
	R("GET", "/api/v1/programmes/{id}/vote/exclusions", h_vote_exclusions, ROLES_ANY, PUBLIC),
	R("GET", "/api/v1/programmes/{id}/vote/quarantine", h_vote_quarantine_list, OFFICE, 0),
	R("GET", "/api/v1/programmes/{id}/vote/monitor", h_vote_monitor, OFFICE, 0),
	R("POST", "/api/v1/programmes/{id}/vote/quarantine", h_vote_quarantine_decide, OFFICE, 0),
	R("POST", "/api/v1/programmes/{id}/vote/snapshots", h_vote_snapshot_take, OFFICE, 0),
	R("GET", "/api/v1/programmes/{id}/vote/log", h_vote_log, ROLES_ANY, 0),
	R("GET", "/api/v1/programmes/{id}/ranking/rules", h_ranking_rules, ROLES_ANY, PUBLIC),
	R("POST", "/api/v1/programmes/{id}/ranking/registrations", h_ranking_register, APPLY, 0),
	R("GET", "/api/v1/programmes/{id}/ranking/registrations", h_ranking_registrations, OFFICE | LEADER | COUNTY, 0),
	R("GET", "/api/v1/applications/{id}/ranking", h_ranking_registration, SCOPED | APPLICANT, 0),
	R("PUT", "/api/v1/programmes/{id}/ranking/panels/{panel}", h_ranking_panel_set, OFFICE, 0),
	R("GET", "/api/v1/programmes/{id}/ranking/panels", h_ranking_panels, OFFICE | LEADER, 0),
	R("GET", "/api/v1/programmes/{id}/ranking/sheet", h_ranking_sheet, MEMBER | EXPERT, 0),
	R("POST", "/api/v1/programmes/{id}/ranking/scores", h_ranking_score, MEMBER | EXPERT, 0),
	R("GET", "/api/v1/applications/{id}/ranking-scores", h_ranking_scores, OFFICE | MEMBER | EXPERT, 0),
	R("GET", "/api/v1/programmes/{id}/ranking/composite", h_ranking_composite, OFFICE | LEADER, 0),
	R("POST", "/api/v1/programmes/{id}/ranking/publish", h_ranking_publish, OFFICE, 0),
	R("GET", "/api/v1/programmes/{id}/ranking/lists", h_ranking_lists, ROLES_ANY, PUBLIC),
	R("GET", "/api/v1/programmes/{id}/ranking/lists.xlsx", h_ranking_lists_xlsx, ROLES_ANY, 0),
	R("GET", "/api/v1/programmes/{id}/ranking/posters/{track}", h_ranking_poster, ROLES_ANY, 0),

	/* reporting requests and quality-month campaigns (深质强办〔2015〕17号) */
	R("POST", "/api/v1/report-requests", h_report_requests_create, OFFICE, 0),
	R("GET", "/api/v1/report-requests/{id}", h_report_requests_get, OFFICE | LEADER | MEMBER, 0),
	R("GET", "/api/v1/report-requests/{id}/status", h_report_requests_status, OFFICE | LEADER, 0),
	R("PUT", "/api/v1/report-requests/{id}/draft", h_report_requests_draft, MEMBER, 0),
	R("POST", "/api/v1/report-requests/{id}/submission", h_report_requests_submit, MEMBER, 0),
	R("POST", "/api/v1/report-requests/{id}/return", h_report_requests_return, OFFICE, 0),
	R("GET", "/api/v1/report-requests/{id}/versions", h_report_requests_versions, OFFICE | LEADER | MEMBER, 0),
	R("POST", "/api/v1/report-requests/{id}/reminders", h_report_requests_remind, OFFICE, 0),
	{ "POST", "/api/v1/report-requests/{id}/files", h_report_files_upload, MEMBER, HTTP_UPLOAD,
	  &h_report_files_upload_spec },
	R("GET", "/api/v1/report-files/{id}", h_report_files_get, OFFICE | LEADER | MEMBER, 0),
	R("GET", "/api/v1/reporting/mine", h_reporting_mine, MEMBER, 0),
	R("GET", "/api/v1/programmes/{id}/report-requests", h_programme_report_requests, OFFICE | LEADER | MEMBER, 0),
	R("GET", "/api/v1/programmes/{id}/campaign", h_campaign_get, ROLES_ANY, PUBLIC),
	R("GET", "/api/v1/programmes/{id}/campaign/logo", h_campaign_logo, ROLES_ANY, 0),
	{ "POST", "/api/v1/programmes/{id}/campaign/logo", h_campaign_logo_set, OFFICE, HTTP_UPLOAD,
	  &h_campaign_logo_upload_spec },
	R("POST", "/api/v1/programmes/{id}/campaign/requests", h_campaign_open_requests, OFFICE, 0),
	R("POST", "/api/v1/programmes/{id}/activities", h_campaign_plan, MEMBER, 0),
	R("GET", "/api/v1/programmes/{id}/activities", h_campaign_activities, OFFICE | LEADER | MEMBER, 0),
	R("POST", "/api/v1/campaign-activities/{id}/approve", h_campaign_approve, OFFICE, 0),
	R("GET", "/api/v1/programmes/{id}/activity-calendar", h_campaign_calendar, ROLES_ANY, PUBLIC),
	R("GET", "/api/v1/programmes/{id}/media", h_campaign_media, OFFICE | LEADER | MEMBER, 0),
	R("POST", "/api/v1/programmes/{id}/media", h_campaign_media_plan, OFFICE, 0),
	R("POST", "/api/v1/campaign-media/{id}/publication", h_campaign_media_publish, OFFICE, 0),
	R("POST", "/api/v1/programmes/{id}/materials", h_campaign_material_add, OFFICE, 0),
	{ "POST", "/api/v1/programmes/{id}/materials/photos", h_campaign_material_photos, OFFICE, HTTP_UPLOAD,
	  &h_campaign_photos_upload_spec },
	R("GET", "/api/v1/campaign-materials/{id}/file", h_campaign_material_file, OFFICE | LEADER | MEMBER, 0),
	R("GET", "/api/v1/programmes/{id}/documents/{kind}", h_campaign_document, OFFICE | LEADER, 0),
	R("PUT", "/api/v1/programmes/{id}/documents/{kind}", h_campaign_document_edit, OFFICE, 0),
	R("POST", "/api/v1/programmes/{id}/documents/{kind}/issue", h_campaign_document_issue, OFFICE, 0),
	R("GET", "/api/v1/programmes/{id}/documents/{kind}/file", h_campaign_document_file, OFFICE | LEADER, 0),

	/* the provincial registers: models, certification, training, help desk, targets (湘市监办发〔2022〕71号) */
	/* the 湖南名品 certification and the certificate register */
	R("POST", "/api/v1/certification/applications/{id}/recommendation", h_certification_recommend, COUNTY, 0),
	R("GET", "/api/v1/certification/programmes/{id}/applications", h_certification_city_list, COUNTY, 0),
	R("POST", "/api/v1/programmes/{id}/certification", h_certification_certify, OFFICE, 0),
	R("GET", "/api/v1/programmes/{id}/certification", h_certification_summary, OFFICE | LEADER | COUNTY, 0),
	R("GET", "/api/v1/programmes/{id}/register", h_register_of_programme, OFFICE | LEADER, 0),
	R("GET", "/api/v1/certificates/{id}", h_register_get, OFFICE, 0),
	R("POST", "/api/v1/certificates/{id}/status", h_register_change, OFFICE, 0),
	R("GET", "/api/v1/register", h_register_search, ROLES_ANY, 0),
	R("GET", "/api/v1/register/{code}", h_register_verify, ROLES_ANY, 0),
	R("GET", "/api/v1/register/{code}/qr.svg", h_register_qr, ROLES_ANY, 0),
	/* the help desk (三(四)): providers, problems, the provider's steps, the rating link without sign-in */
	R("POST", "/api/v1/helpdesk/providers", h_helpdesk_providers_add, OFFICE, 0),
	R("GET", "/api/v1/helpdesk/providers", h_helpdesk_providers_list, OFFICE | LEADER, 0),
	R("POST", "/api/v1/problems", h_helpdesk_problems_add, APPLICANT | COUNTY | OFFICE, 0),
	R("GET", "/api/v1/problems", h_helpdesk_problems_list, SCOPED | APPLICANT | EXPERT, 0),
	R("GET", "/api/v1/problems/{id}", h_helpdesk_problems_get, SCOPED | APPLICANT | EXPERT, 0),
	R("POST", "/api/v1/problems/{id}/respond", h_helpdesk_problems_step, EXPERT, 0),
	R("POST", "/api/v1/problems/{id}/visit", h_helpdesk_problems_step, EXPERT, 0),
	R("POST", "/api/v1/problems/{id}/resolve", h_helpdesk_problems_step, EXPERT, 0),
	R("POST", "/api/v1/problems/{id}/assign", h_helpdesk_problems_assign, OFFICE, 0),
	R("POST", "/api/v1/ratings/{token}", h_helpdesk_rate, ROLES_ANY, 0),
	R("POST", "/api/v1/ratings/{token}/reopen", h_helpdesk_reopen, ROLES_ANY, 0),
	R("POST", "/api/v1/applications/{id}/problems", h_helpdesk_from_review, OFFICE, 0),
	R("GET", "/api/v1/helpdesk/stats", h_helpdesk_stats, SCOPED, 0),
	/* chief quality officer training (三(三)): courses, attendance, self check-in, completion */
	R("POST", "/api/v1/courses", h_training_courses_create, OFFICE | COUNTY, 0),
	R("GET", "/api/v1/courses", h_training_courses_list, SCOPED, 0),
	R("GET", "/api/v1/courses/{id}", h_training_courses_get, SCOPED, 0),
	R("POST", "/api/v1/courses/{id}/trainees", h_training_enrol, OFFICE | COUNTY, 0),
	R("POST", "/api/v1/courses/{id}/sessions/{seq}/attendance", h_training_mark, OFFICE | COUNTY, 0),
	R("GET", "/api/v1/courses/{id}/sessions/{seq}/code", h_training_code, OFFICE | COUNTY, 0),
	R("POST", "/api/v1/courses/{id}/scores", h_training_score, OFFICE | COUNTY, 0),
	R("POST", "/api/v1/courses/{id}/completion", h_training_complete, OFFICE | COUNTY, 0),
	R("POST", "/api/v1/checkin", h_training_checkin, ROLES_ANY, 0),
	R("GET", "/api/v1/training/certificates/{code}", h_training_verify, ROLES_ANY, 0),
	R("GET", "/api/v1/training/stats", h_training_stats, SCOPED, 0),
	/* the 十百千万 target dashboard, drilled down from province to city to county */
	R("GET", "/api/v1/targets", h_targets_get, SCOPED, 0),
	/* the ten quality-management models (十): chosen from winners and honours, promoted, shown to all */
	R("GET", "/api/v1/models/candidates", h_models_candidates, OFFICE, 0),
	R("POST", "/api/v1/models", h_models_choose, OFFICE, 0),
	R("GET", "/api/v1/models", h_models_showcase, ROLES_ANY, PUBLIC),
	R("POST", "/api/v1/models/{id}/promotions", h_models_promote, OFFICE, 0),

	/* the quality-month event: honours, key works, contests, brand value, NQI services (Qingdao 2022) */
	R("POST", "/api/v1/honours/import", h_honours_import, OFFICE, 0),
	R("GET", "/api/v1/honours", h_honours_list, SCOPED, 0),
	R("GET", "/api/v1/honours/totals", h_honours_totals, ROLES_ANY, PUBLIC),
	R("GET", "/api/v1/enterprises/{uscc}/honours", h_honours_enterprise, ROLES_ANY, PUBLIC),
	R("POST", "/api/v1/honour-lists", h_honours_publish, OFFICE, 0),
	R("GET", "/api/v1/honour-lists/{id}", h_honour_lists_get, ROLES_ANY, PUBLIC),
	R("POST", "/api/v1/brand-value-rounds", h_brandvalue_open, OFFICE, 0),
	R("GET", "/api/v1/brand-value-rounds", h_brandvalue_rounds, SCOPED | APPLICANT, 0),
	R("GET", "/api/v1/brand-value-rounds/{id}", h_brandvalue_round, SCOPED | APPLICANT, 0),
	R("POST", "/api/v1/brand-value-rounds/{id}/submissions", h_brandvalue_submit, APPLICANT, 0),
	R("POST", "/api/v1/brand-value-rounds/{id}/compute", h_brandvalue_compute, OFFICE, 0),
	R("GET", "/api/v1/brand-value-rounds/{id}/results", h_brandvalue_results, SCOPED, 0),
	R("GET", "/api/v1/brand-value-submissions/{id}", h_brandvalue_submission, SCOPED | APPLICANT, 0),
	R("GET", "/api/v1/brand-value-submissions/{id}/report.pdf", h_brandvalue_report, SCOPED | APPLICANT, 0),

	/* the engine: corrections and leftovers */
};

const size_t http_routes_count = sizeof(http_routes) / sizeof(http_routes[0]);
