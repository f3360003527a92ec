#pragma once
// The API steps the issue scenarios are made of, over Target::send: each step
// records its exchange with Check::saw (so a finding can cite it) and returns the
// status and the parsed JSON body. Steps never assert: a scenario decides what
// must hold. The `setup_*` helpers are the exception: they are the preconditions
// of a scenario (a resume, a job, a tailored resume), so a failure there is
// recorded as a MUST finding and they return nullopt for the scenario to stop.
//
// Also here: fault plans as JSON literals (seeded from the scenario's seed), gate
// handling that never leaves a thread held, read-backs of the stored state through
// the API, and reading data.warnings. Free-text MUSTs are judged by subject, not
// wording, in subject_matchers.hpp.
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "harness/scenario.hpp"
#include "mocks/fault/fault_plan.hpp"
#include "reference/ports/document.hpp"

namespace rm::harness::flows {

// --- one step ------------------------------------------------------------------

struct Step {
  ApiRequest request;
  ApiResponse response;
  int status = 0;
  Json body;             // the parsed body; null when it is not JSON
  bool is_json = false;  // the body parsed as JSON

  bool ok() const { return status == 200 && is_json; }
  // body["detail"] as text (a string as is, anything else dumped); "" without one.
  std::string detail() const;
  // The string at `pointer` (e.g. "/resume_id"); "" when absent or not a string.
  std::string string_at(const char* pointer) const;
  // body at `pointer`, or null.
  Json at(const char* pointer) const;
  // One line citing the exchange, for a finding's evidence.
  std::string evidence() const;
};

// Sends `request` through ctx (target.send + check.saw).
Step send(ScenarioContext& ctx, const ApiRequest& request);

// --- sample data -----------------------------------------------------------------

// A plain-text resume naming `name` (with email, phone, experience, skills) that
// the reference's text converter accepts in any allowed content type.
std::string sample_resume_text(const std::string& name = "Ada Lovelace");
// A job description sharing some keywords with sample_resume_text and missing others.
std::string sample_job_text();

// --- endpoints -----------------------------------------------------------------------

// POST /resumes/upload: `text` as a multipart file part of type application/pdf.
Step upload_resume(ScenarioContext& ctx, const std::string& text = sample_resume_text(),
                   const std::string& filename = "resume.pdf");
// POST /jobs/upload with one description.
Step upload_job(ScenarioContext& ctx, const std::string& description = sample_job_text(),
                const std::optional<std::string>& resume_id = std::nullopt);
Step get_job(ScenarioContext& ctx, const std::string& job_id);
// POST /resumes/improve/preview ({resume_id, job_id, prompt_id?}).
Step preview(ScenarioContext& ctx, const std::string& resume_id, const std::string& job_id,
             const std::optional<std::string>& prompt_id = std::nullopt);
// The confirm body for a preview's 200 body: its resume_preview and improvements.
Json confirm_body(const Json& preview_body, const std::string& resume_id, const std::string& job_id,
                  const std::optional<std::string>& prompt_id = std::nullopt);
// POST /resumes/improve/confirm with `body` as is.
Step confirm(ScenarioContext& ctx, const Json& body);
// POST /resumes/improve.
Step improve(ScenarioContext& ctx, const std::string& resume_id, const std::string& job_id,
             const std::optional<std::string>& prompt_id = std::nullopt);
Step get_resume(ScenarioContext& ctx, const std::string& resume_id);
Step list_resumes(ScenarioContext& ctx, bool include_master = true);
Step patch_resume(ScenarioContext& ctx, const std::string& resume_id, const Json& resume_data);
Step delete_resume(ScenarioContext& ctx, const std::string& resume_id);
Step set_master(ScenarioContext& ctx, const std::string& resume_id);
Step generate_cover_letter(ScenarioContext& ctx, const std::string& resume_id);
Step generate_outreach(ScenarioContext& ctx, const std::string& resume_id);
Step job_description(ScenarioContext& ctx, const std::string& resume_id);
Step status(ScenarioContext& ctx);
// PUT /config/features.
Step set_features(ScenarioContext& ctx, bool cover_letter, bool outreach);

// --- preconditions (a MUST finding and nullopt when they do not hold) ----------------

bool require_ok(ScenarioContext& ctx, const Step& step, const std::string& what);
// Upload -> resume_id.
std::optional<std::string> setup_resume(ScenarioContext& ctx,
                                        const std::string& text = sample_resume_text(),
                                        const std::string& filename = "resume.pdf");
// Job upload -> job_id.
std::optional<std::string> setup_job(ScenarioContext& ctx,
                                     const std::string& description = sample_job_text());
// Preview -> its 200 body.
std::optional<Json> setup_preview(ScenarioContext& ctx, const std::string& resume_id,
                                  const std::string& job_id,
                                  const std::optional<std::string>& prompt_id = std::nullopt);
// Preview + confirm -> the tailored resume_id.
std::optional<std::string> setup_tailored(ScenarioContext& ctx, const std::string& resume_id,
                                          const std::string& job_id);
// GET /resumes -> data.
std::optional<Json> setup_get_resume(ScenarioContext& ctx, const std::string& resume_id);
// DELETE of every stored resume (an empty resumes table reached through the API).
bool delete_all_resumes(ScenarioContext& ctx);

// --- stored state, read back through the API ---------------------------------------

// GET /resumes/list?include_master=true -> data (empty when the call failed).
std::vector<Json> list_entries(ScenarioContext& ctx);
// The list entry of `resume_id`, nullopt when it is not listed.
std::optional<Json> list_entry(const std::vector<Json>& entries, const std::string& resume_id);
int count_masters(const std::vector<Json>& entries);
// GET /status -> database_stats ({} when the call failed).
Json database_stats(ScenarioContext& ctx);
// A compact "resumes=2 jobs=1 improvements=0" for evidence.
std::string stats_text(const Json& stats);

// --- faults ------------------------------------------------------------------------

// A fault plan from a JSON literal ({"rules": [...]}) with the scenario's seed.
// A literal that does not parse is a bug in the scenario: FaultPlanError escapes.
FaultPlan plan(const ScenarioContext& ctx, std::string_view json_text);
// Installs it; on a missing hook records not_testable (the target's reason) and
// returns false.
bool install(ScenarioContext& ctx, const FaultPlan& plan);
// Whether a rule fired on `component`/`operation` (from the target's journal).
bool fault_fired(ScenarioContext& ctx, std::string_view component, std::string_view operation);
// When no rule fired on it, the scenario proved nothing: not_testable naming the
// operation the target never performed. Returns whether it fired.
bool require_fired(ScenarioContext& ctx, std::string_view component, std::string_view operation);

// Waits for `count` arrivals at `gate`; when fewer come, records an error naming the
// gate and the count and returns false (the caller then lets its threads go).
bool await_arrivals(ScenarioContext& ctx, const std::string& gate, int count,
                    int timeout_ms = 5000);

// Runs `work` on a thread per item; on destruction (scope exit, early return)
// releases every gate named in `gates` and clears the plan first, then joins, so
// that no thread stays held when a scenario stops early.
class Background {
 public:
  Background(ScenarioContext& ctx, std::vector<std::string> gates);
  ~Background();
  Background(const Background&) = delete;
  Background& operator=(const Background&) = delete;

  void start(std::function<void()> work);
  // Releases the gates (all held calls) and joins every thread. Under a schedule
  // (ctx.schedule) it first drives the requests through it.
  void finish();

 private:
  void join_all();

  ScenarioContext& ctx_;
  std::vector<std::string> gates_;
  std::vector<std::thread> threads_;
  bool finished_ = false;
};

// --- free text ---------------------------------------------------------------------

using Keywords = std::initializer_list<std::string_view>;

// Case-insensitive: `text` contains any of `any_of` (literal values, e.g. invented
// contact details; free-text MUSTs use the subject matchers, subject_matchers.hpp).
bool mentions(std::string_view text, Keywords any_of);
// data.warnings (strings only; other entries are dumped).
std::vector<std::string> warnings_of(const Json& improve_body);
// The warnings for evidence: ["...", "..."].
std::string warnings_text(const Json& improve_body);

// --- fixtures (TinyDB layout, for targets with the fixture_db hook) ----------------

// {"resumes": {"1": r0, "2": r1, ...}, "jobs": {...}, "improvements": {...}}.
Json fixture_tables(const std::vector<Json>& resumes, const std::vector<Json>& jobs = {},
                    const std::vector<Json>& improvements = {});
// A complete ResumeData for a fixture record, naming `name`.
Json sample_resume_data(const std::string& name = "Grace Hopper");
// A stored resume record as the Python backend writes it (every field present,
// processing_status "ready" unless the caller erases or changes it).
Json fixture_resume(const std::string& resume_id, const Json& processed_data, bool is_master,
                    const std::optional<std::string>& parent_id = std::nullopt);
// A stored job record (no keyword cache, no preview hashes).
Json fixture_job(const std::string& job_id, const std::string& content = sample_job_text());
// target.reset(tables); an exception is recorded as an error. Returns whether it worked.
bool reset_with_fixture(ScenarioContext& ctx, const Json& tables);

// --- resume data -------------------------------------------------------------------

// The personalInfo a resume read shows: data.processed_resume.personalInfo (null when none).
Json personal_info_of(const Json& get_resume_data);
// Field-wise equality of two personalInfo objects, treating a missing field as "" / null.
bool same_personal_info(const Json& a, const Json& b);

}  // namespace rm::harness::flows
