#include "harness/flows.hpp"

#include "harness/not_testable.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <stdexcept>

#include "harness/actor_tag.hpp"
#include "harness/requests.hpp"
#include "harness/schedule_run.hpp"

namespace rm::harness::flows {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string text_of(const Json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

Json field_or_null(const Json& object, const std::string& key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  return it == object.end() ? Json(nullptr) : *it;
}

}  // namespace

// --- Step ------------------------------------------------------------------------

std::string Step::detail() const {
  if (!body.is_object() || !body.contains("detail")) return "";
  return text_of(body.at("detail"));
}

Json Step::at(const char* pointer) const {
  const Json::json_pointer where(pointer);
  if (!is_json || !body.contains(where)) return nullptr;
  return body.at(where);
}

std::string Step::string_at(const char* pointer) const {
  const Json value = at(pointer);
  return value.is_string() ? value.get<std::string>() : "";
}

std::string Step::evidence() const { return describe(Exchange{request, response}); }

Step send(ScenarioContext& ctx, const ApiRequest& request) {
  Step step;
  step.request = request;
  step.response = ctx.send(request);
  step.status = step.response.status;
  if (auto parsed = json_body(step.response)) {
    step.body = std::move(*parsed);
    step.is_json = true;
  }
  return step;
}

// --- sample data -----------------------------------------------------------------

std::string sample_resume_text(const std::string& name) {
  return "# " + name +
         "\nSoftware Engineer\n"
         "ada@example.com | +44 20 7946 0000 | London\n\n"
         "## Summary\nEngineer who builds analytical engines and numerical libraries.\n\n"
         "## Experience\n"
         "### Senior Engineer at Analytical Engines Ltd (2019 - Present)\n"
         "- Built a C++ numerical library used by 40 teams\n"
         "- Led the migration of Python services to containers\n\n"
         "## Education\nBSc Mathematics at University of London (2012 - 2015)\n\n"
         "## Skills\nPython, C++, SQL, Docker\n";
}

std::string sample_job_text() {
  return "Senior Backend Engineer at Example Corp\n"
         "We need strong Python and C++ skills, experience with Kubernetes, PostgreSQL and "
         "distributed systems. You will design REST APIs, mentor engineers and own services "
         "end to end.\n";
}

// --- endpoints -------------------------------------------------------------------

Step upload_resume(ScenarioContext& ctx, const std::string& text, const std::string& filename) {
  return send(ctx, upload(filename, "application/pdf", text));
}

Step upload_job(ScenarioContext& ctx, const std::string& description,
                const std::optional<std::string>& resume_id) {
  Json body{{"job_descriptions", Json::array({description})}};
  if (resume_id) body["resume_id"] = *resume_id;
  return send(ctx, post_json(api("/jobs/upload"), body));
}

Step get_job(ScenarioContext& ctx, const std::string& job_id) {
  return send(ctx, get(api("/jobs/" + job_id)));
}

namespace {
Json improve_request(const std::string& resume_id, const std::string& job_id,
                     const std::optional<std::string>& prompt_id) {
  Json body{{"resume_id", resume_id}, {"job_id", job_id}};
  if (prompt_id) body["prompt_id"] = *prompt_id;
  return body;
}
}  // namespace

Step preview(ScenarioContext& ctx, const std::string& resume_id, const std::string& job_id,
             const std::optional<std::string>& prompt_id) {
  return send(ctx, post_json(api("/resumes/improve/preview"),
                             improve_request(resume_id, job_id, prompt_id)));
}

Json confirm_body(const Json& preview_body, const std::string& resume_id, const std::string& job_id,
                  const std::optional<std::string>& prompt_id) {
  const Json data = field_or_null(preview_body, "data");
  Json improvements = Json::array();
  // The confirm model takes {suggestion, lineNumber?} only.
  for (const Json& item : field_or_null(data, "improvements")) {
    if (!item.is_object()) continue;
    Json entry{{"suggestion", text_of(field_or_null(item, "suggestion"))}};
    const Json line = field_or_null(item, "lineNumber");
    if (line.is_number_integer()) entry["lineNumber"] = line;
    improvements.push_back(std::move(entry));
  }
  Json body{{"resume_id", resume_id},
            {"job_id", job_id},
            {"improved_data", field_or_null(data, "resume_preview")},
            {"improvements", improvements}};
  if (prompt_id) body["prompt_id"] = *prompt_id;
  return body;
}

Step confirm(ScenarioContext& ctx, const Json& body) {
  return send(ctx, post_json(api("/resumes/improve/confirm"), body));
}

Step improve(ScenarioContext& ctx, const std::string& resume_id, const std::string& job_id,
             const std::optional<std::string>& prompt_id) {
  return send(ctx,
              post_json(api("/resumes/improve"), improve_request(resume_id, job_id, prompt_id)));
}

Step get_resume(ScenarioContext& ctx, const std::string& resume_id) {
  return send(ctx, get(api("/resumes"), {{"resume_id", resume_id}}));
}

Step list_resumes(ScenarioContext& ctx, bool include_master) {
  return send(ctx,
              get(api("/resumes/list"), {{"include_master", include_master ? "true" : "false"}}));
}

Step patch_resume(ScenarioContext& ctx, const std::string& resume_id, const Json& resume_data) {
  return send(ctx, patch_json(api("/resumes/" + resume_id), resume_data));
}

Step delete_resume(ScenarioContext& ctx, const std::string& resume_id) {
  return send(ctx, del(api("/resumes/" + resume_id)));
}

Step set_master(ScenarioContext& ctx, const std::string& resume_id) {
  return send(ctx, post(api("/resumes/" + resume_id + "/master")));
}

Step generate_cover_letter(ScenarioContext& ctx, const std::string& resume_id) {
  return send(ctx, post(api("/resumes/" + resume_id + "/generate-cover-letter")));
}

Step generate_outreach(ScenarioContext& ctx, const std::string& resume_id) {
  return send(ctx, post(api("/resumes/" + resume_id + "/generate-outreach")));
}

Step job_description(ScenarioContext& ctx, const std::string& resume_id) {
  return send(ctx, get(api("/resumes/" + resume_id + "/job-description")));
}

Step status(ScenarioContext& ctx) { return send(ctx, get(api("/status"))); }

Step set_features(ScenarioContext& ctx, bool cover_letter, bool outreach) {
  return send(ctx, put_json(api("/config/features"), {{"enable_cover_letter", cover_letter},
                                                      {"enable_outreach_message", outreach}}));
}

// --- preconditions -----------------------------------------------------------------

bool require_ok(ScenarioContext& ctx, const Step& step, const std::string& what) {
  return ctx.check.must(step.ok(), "precondition: " + what + " answers 200 with JSON",
                        step.evidence());
}

std::optional<std::string> setup_resume(ScenarioContext& ctx, const std::string& text,
                                        const std::string& filename) {
  const Step step = upload_resume(ctx, text, filename);
  if (!require_ok(ctx, step, "uploading a resume")) return std::nullopt;
  const std::string id = step.string_at("/resume_id");
  if (!ctx.check.must(!id.empty(), "precondition: the upload response has a resume_id",
                      step.evidence())) {
    return std::nullopt;
  }
  return id;
}

std::optional<std::string> setup_job(ScenarioContext& ctx, const std::string& description) {
  const Step step = upload_job(ctx, description);
  if (!require_ok(ctx, step, "uploading a job description")) return std::nullopt;
  const std::string id = step.string_at("/job_id/0");
  if (!ctx.check.must(!id.empty(), "precondition: the job upload response has job_id[0]",
                      step.evidence())) {
    return std::nullopt;
  }
  return id;
}

std::optional<Json> setup_preview(ScenarioContext& ctx, const std::string& resume_id,
                                  const std::string& job_id,
                                  const std::optional<std::string>& prompt_id) {
  const Step step = preview(ctx, resume_id, job_id, prompt_id);
  if (!require_ok(ctx, step, "a preview")) return std::nullopt;
  if (!ctx.check.must(step.at("/data/resume_preview").is_object(),
                      "precondition: the preview has data.resume_preview", step.evidence())) {
    return std::nullopt;
  }
  return step.body;
}

std::optional<std::string> setup_tailored(ScenarioContext& ctx, const std::string& resume_id,
                                          const std::string& job_id) {
  const auto previewed = setup_preview(ctx, resume_id, job_id);
  if (!previewed) return std::nullopt;
  const Step step = confirm(ctx, confirm_body(*previewed, resume_id, job_id));
  if (!require_ok(ctx, step, "confirming a preview")) return std::nullopt;
  const std::string id = step.string_at("/data/resume_id");
  if (!ctx.check.must(!id.empty(), "precondition: the confirm response has data.resume_id",
                      step.evidence())) {
    return std::nullopt;
  }
  return id;
}

std::optional<Json> setup_get_resume(ScenarioContext& ctx, const std::string& resume_id) {
  const Step step = get_resume(ctx, resume_id);
  if (!require_ok(ctx, step, "reading resume " + resume_id)) return std::nullopt;
  return step.at("/data");
}

bool delete_all_resumes(ScenarioContext& ctx) {
  const Step listed = list_resumes(ctx, true);
  if (!require_ok(ctx, listed, "listing the resumes")) return false;
  for (const Json& entry : listed.at("/data")) {
    const std::string id = text_of(field_or_null(entry, "resume_id"));
    // A tailored resume may already be gone with its parent: 404 is fine here.
    const Step removed = delete_resume(ctx, id);
    if (removed.status != 200 && removed.status != 404) {
      require_ok(ctx, removed, "deleting resume " + id);
      return false;
    }
  }
  return true;
}

// --- stored state ----------------------------------------------------------------

std::vector<Json> list_entries(ScenarioContext& ctx) {
  const Step step = list_resumes(ctx, true);
  std::vector<Json> entries;
  if (!step.ok() || !step.at("/data").is_array()) return entries;
  for (const Json& entry : step.at("/data")) entries.push_back(entry);
  return entries;
}

std::optional<Json> list_entry(const std::vector<Json>& entries, const std::string& resume_id) {
  for (const Json& entry : entries) {
    if (field_or_null(entry, "resume_id") == resume_id) return entry;
  }
  return std::nullopt;
}

int count_masters(const std::vector<Json>& entries) {
  return static_cast<int>(std::count_if(entries.begin(), entries.end(), [](const Json& entry) {
    return field_or_null(entry, "is_master") == true;
  }));
}

Json database_stats(ScenarioContext& ctx) {
  const Step step = status(ctx);
  const Json stats = step.at("/database_stats");
  return stats.is_object() ? stats : Json::object();
}

std::string stats_text(const Json& stats) {
  return "resumes=" + text_of(field_or_null(stats, "total_resumes")) +
         " jobs=" + text_of(field_or_null(stats, "total_jobs")) +
         " improvements=" + text_of(field_or_null(stats, "total_improvements")) +
         " has_master=" + text_of(field_or_null(stats, "has_master_resume"));
}

// --- faults ----------------------------------------------------------------------

FaultPlan plan(const ScenarioContext& ctx, std::string_view json_text) {
  Json json = Json::parse(json_text);
  json["seed"] = ctx.seed;
  return FaultPlan::from_json(json);
}

bool install(ScenarioContext& ctx, const FaultPlan& plan) {
  try {
    ctx.target.install_plan(plan);
    return true;
  } catch (const std::runtime_error& e) {
    ctx.check.not_testable(e.what());
    return false;
  }
}

bool fault_fired(ScenarioContext& ctx, std::string_view component, std::string_view operation) {
  const Json journal = ctx.target.journal();
  if (!journal.is_array()) return false;
  return std::any_of(journal.begin(), journal.end(), [&](const Json& entry) {
    return field_or_null(entry, "component") == std::string(component) &&
           field_or_null(entry, "operation") == std::string(operation);
  });
}

bool require_fired(ScenarioContext& ctx, std::string_view component, std::string_view operation) {
  if (fault_fired(ctx, component, operation)) return true;
  ctx.check.not_testable("the injected " + std::string(component) + " fault never fired: the " +
                         "target made no " + std::string(operation) + " call");
  return false;
}

bool await_arrivals(ScenarioContext& ctx, const std::string& gate, int count, int timeout_ms) {
  const int arrived = ctx.target.wait_for_arrivals(gate, count, timeout_ms);
  if (arrived >= count) return true;
  ctx.check.error("only " + std::to_string(arrived) + " of " + std::to_string(count) +
                  " calls reached gate '" + gate + "' within " + std::to_string(timeout_ms) +
                  " ms");
  return false;
}

Background::Background(ScenarioContext& ctx, std::vector<std::string> gates)
    : ctx_(ctx), gates_(std::move(gates)) {
  if (ctx_.schedule != nullptr) ctx_.schedule->begin(ctx_.target);
}

Background::~Background() {
  if (finished_) return;
  // An early exit: let every held call go before joining.
  try {
    if (ctx_.schedule != nullptr) ctx_.schedule->end(ctx_.target);
    ctx_.target.clear_plan();
  } catch (const std::exception&) {
    // The gates below still open the held calls.
  }
  join_all();
}

void Background::start(std::function<void()> work) {
  std::string tag;
  if (ctx_.schedule != nullptr)
    tag = ctx_.schedule->actor_tag(static_cast<int>(threads_.size()) + 1);
  // An exception must not end the process from a thread: it becomes the verdict.
  threads_.emplace_back([this, tag = std::move(tag), work = std::move(work)] {
    const ActorTagScope actor(tag);
    try {
      work();
    } catch (const NotTestable& e) {
      ctx_.check.not_testable(e.what());
    } catch (const std::exception& e) {
      ctx_.check.error(e.what());
    }
  });
}

void Background::finish() {
  if (ctx_.schedule != nullptr) {
    // Under a schedule the requests move only when chosen: drive them to the end.
    try {
      ctx_.schedule->drive(ctx_.target, static_cast<int>(threads_.size()));
    } catch (const std::exception& e) {
      ctx_.check.error(e.what());
    }
    try {
      ctx_.schedule->end(ctx_.target);
    } catch (const std::exception& e) {
      ctx_.check.error(std::string("could not end the schedule run: ") + e.what());
    }
  }
  join_all();
}

void Background::join_all() {
  for (const std::string& gate : gates_) {
    try {
      ctx_.target.release(gate, /*all=*/true);
    } catch (const std::exception& e) {
      ctx_.check.error("could not release gate '" + gate + "': " + e.what());
    }
  }
  for (std::thread& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
  finished_ = true;
}

// --- free text ---------------------------------------------------------------------

bool mentions(std::string_view text, Keywords any_of) {
  const std::string haystack = lower(text);
  return std::any_of(any_of.begin(), any_of.end(), [&](std::string_view keyword) {
    return haystack.find(lower(keyword)) != std::string::npos;
  });
}

std::vector<std::string> warnings_of(const Json& improve_body) {
  std::vector<std::string> out;
  const Json data = field_or_null(improve_body, "data");
  const Json warnings = field_or_null(data, "warnings");
  if (!warnings.is_array()) return out;
  for (const Json& warning : warnings) out.push_back(text_of(warning));
  return out;
}

std::string warnings_text(const Json& improve_body) {
  const Json data = field_or_null(improve_body, "data");
  return "warnings: " + field_or_null(data, "warnings").dump();
}

// --- fixtures ----------------------------------------------------------------------

Json fixture_tables(const std::vector<Json>& resumes, const std::vector<Json>& jobs,
                    const std::vector<Json>& improvements) {
  const auto table = [](const std::vector<Json>& records) {
    Json out = Json::object();
    for (std::size_t i = 0; i < records.size(); ++i) out[std::to_string(i + 1)] = records[i];
    return out;
  };
  return Json{
      {"resumes", table(resumes)}, {"jobs", table(jobs)}, {"improvements", table(improvements)}};
}

Json sample_resume_data(const std::string& name) {
  return Json{
      {"personalInfo",
       {{"name", name},
        {"title", "Systems Engineer"},
        {"email", "grace@example.com"},
        {"phone", "+1 202 555 0143"},
        {"location", "Arlington"},
        {"website", nullptr},
        {"linkedin", "linkedin.com/in/grace"},
        {"github", nullptr}}},
      {"summary", "Systems engineer who builds compilers and Python tooling."},
      {"workExperience",
       Json::array({{{"id", 1},
                     {"title", "Senior Engineer"},
                     {"company", "Navy Labs"},
                     {"location", "Arlington"},
                     {"years", "2018 - Present"},
                     {"description", Json::array({"Wrote the first C++ compiler passes",
                                                  "Ran Python services on Docker"})}}})},
      {"education", Json::array({{{"id", 1},
                                  {"institution", "Yale University"},
                                  {"degree", "PhD Mathematics"},
                                  {"years", "1930 - 1934"},
                                  {"description", nullptr}}})},
      {"personalProjects", Json::array()},
      {"additional",
       {{"technicalSkills", Json::array({"Python", "C++", "SQL"})},
        {"languages", Json::array({"English"})},
        {"certificationsTraining", Json::array()},
        {"awards", Json::array()}}},
  };
}

Json fixture_resume(const std::string& resume_id, const Json& processed_data, bool is_master,
                    const std::optional<std::string>& parent_id) {
  return Json{
      {"resume_id", resume_id},
      {"content", processed_data.is_null() ? "Legacy resume text" : processed_data.dump(2)},
      {"content_type", processed_data.is_null() ? "md" : "json"},
      {"filename", parent_id ? "tailored_resume.pdf" : "resume.pdf"},
      {"is_master", is_master},
      {"parent_id", parent_id ? Json(*parent_id) : Json(nullptr)},
      {"processed_data", processed_data},
      {"processing_status", "ready"},
      {"cover_letter", nullptr},
      {"outreach_message", nullptr},
      {"created_at", "2025-01-10T09:00:00.000001+00:00"},
      {"updated_at", "2025-01-10T09:00:05.123456+00:00"},
  };
}

Json fixture_job(const std::string& job_id, const std::string& content) {
  return Json{{"job_id", job_id},
              {"content", content},
              {"resume_id", nullptr},
              {"created_at", "2025-01-10T09:01:00.000001+00:00"}};
}

bool reset_with_fixture(ScenarioContext& ctx, const Json& tables) {
  try {
    ctx.target.reset(tables);
    return true;
  } catch (const std::exception& e) {
    ctx.check.error(std::string("could not start the target on the fixture database: ") + e.what());
    return false;
  }
}

// --- resume data -----------------------------------------------------------------

Json personal_info_of(const Json& get_resume_data) {
  return field_or_null(field_or_null(get_resume_data, "processed_resume"), "personalInfo");
}

bool same_personal_info(const Json& a, const Json& b) {
  if (!a.is_object() || !b.is_object()) return a == b;
  std::set<std::string> keys;
  for (const auto& [key, value] : a.items()) keys.insert(key);
  for (const auto& [key, value] : b.items()) keys.insert(key);
  return std::all_of(keys.begin(), keys.end(), [&](const std::string& key) {
    return field_or_null(a, key) == field_or_null(b, key);
  });
}

}  // namespace rm::harness::flows
