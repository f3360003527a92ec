// API-005: resume records written before processing_status existed. Their status
// is inferred (processed_data -> ready; content only -> pending; neither ->
// failed) in GET, the list and /status; after a restart the inferred status is
// written back, once, with nothing else changed.
#include <string>
#include <vector>

#include "harness/flows.hpp"

namespace rm::harness {
namespace {

using namespace flows;

struct LegacyRecord {
  std::string id;
  std::string expected;  // the inferred status
};

const std::string kCurrentId = "5a000000-0000-4000-8000-000000000001";
// A current record whose stored status differs from what inference would give (an
// upload whose parse failed: content, no data, "failed"; inference says pending).
// Migration and reads must leave a stored status alone, on every restart.
const std::string kCurrentFailedId = "5a000000-0000-4000-8000-000000000005";
const std::vector<LegacyRecord> kLegacy = {
    {"5a000000-0000-4000-8000-000000000002", "ready"},
    {"5a000000-0000-4000-8000-000000000003", "pending"},
    {"5a000000-0000-4000-8000-000000000004", "failed"},
};

// One current master, one current failed upload, and three legacy records
// without processing_status.
std::vector<Json> fixture_resumes() {
  Json current = fixture_resume(kCurrentId, sample_resume_data("Current Record"), true);
  Json current_failed = fixture_resume(kCurrentFailedId, nullptr, false);
  current_failed["content"] = "# Current Unparsed\nThe model could not parse this upload";
  current_failed["processing_status"] = "failed";
  Json with_data = fixture_resume(kLegacy[0].id, sample_resume_data("Legacy Parsed"), false);
  with_data["content_type"] = "md";
  with_data["content"] = "# Legacy Parsed\nSystems Engineer";
  Json content_only = fixture_resume(kLegacy[1].id, nullptr, false);
  content_only["content"] = "# Legacy Unparsed\nNever parsed by the model";
  Json neither = fixture_resume(kLegacy[2].id, nullptr, false);
  neither["content"] = "";
  for (Json* legacy : {&with_data, &content_only, &neither}) legacy->erase("processing_status");
  return {current, current_failed, with_data, content_only, neither};
}

void inferred_on_read(ScenarioContext& ctx) {
  const std::vector<Json> resumes = fixture_resumes();
  if (!reset_with_fixture(ctx, fixture_tables(resumes))) return;

  const std::vector<Json> entries = list_entries(ctx);
  std::string listed;
  for (const Json& entry : entries) listed += entry.dump() + "\n";
  for (const LegacyRecord& legacy : kLegacy) {
    const Step read = get_resume(ctx, legacy.id);
    ctx.check.must(read.ok(), "the legacy record " + legacy.id + " is readable", read.evidence());
    ctx.check.must(
        read.at("/data/raw_resume/processing_status") == legacy.expected,
        "GET /resumes infers processing_status \"" + legacy.expected + "\" for a legacy record",
        read.evidence());
    const auto entry = list_entry(entries, legacy.id);
    ctx.check.must(entry && (*entry)["processing_status"] == legacy.expected,
                   "GET /resumes/list infers processing_status \"" + legacy.expected +
                       "\" for a legacy record",
                   listed);
  }
  const Step failed = get_resume(ctx, kCurrentFailedId);
  ctx.check.must(failed.at("/data/raw_resume/processing_status") == "failed",
                 "a stored processing_status is shown as stored, not re-inferred",
                 failed.evidence());
  const Step stats = status(ctx);
  ctx.check.must(stats.ok() && stats.at("/database_stats/total_resumes") == resumes.size(),
                 "GET /status counts every record, legacy ones included", stats.evidence());
  ctx.check.must(stats.at("/has_master_resume") == true,
                 "GET /status sees the master among the legacy records", stats.evidence());
}

// A store that opens a database migrates its legacy records, so on a fixture the
// read-time inference is only reached where a record lacks the field when it is
// read (a record written by older code after the open, e.g. by a second process
// on the same file). The legacy_record store fault serves exactly that: records
// of this run read back without processing_status.
void inferred_when_read_without_field(ScenarioContext& ctx) {
  const Step parsed = upload_resume(ctx, sample_resume_text("Parsed Upload"), "parsed.pdf");
  if (!require_ok(ctx, parsed, "uploading a resume")) return;
  if (!install(ctx, plan(ctx, R"({"rules": [{"component": "llm", "operation": "parse_resume",
      "action": "non_json", "comment": "the second upload keeps its content, no data"}]})"))) {
    return;
  }
  const Step unparsed = upload_resume(ctx, sample_resume_text("Unparsed Upload"), "unparsed.pdf");
  if (!require_ok(ctx, unparsed, "uploading a resume whose parse fails")) return;
  const std::vector<LegacyRecord> records = {{parsed.string_at("/resume_id"), "ready"},
                                             {unparsed.string_at("/resume_id"), "pending"}};
  if (!install(ctx, plan(ctx, R"({"rules": [{"component": "store",
      "operation": ["get_resume", "list_resumes", "get_master_resume"],
      "action": "legacy_record",
      "comment": "records read back as code from before processing_status wrote them"}]})"))) {
    return;
  }
  const std::vector<Json> entries = list_entries(ctx);
  std::string listed;
  for (const Json& entry : entries) listed += entry.dump() + "\n";
  for (const LegacyRecord& record : records) {
    const Step read = get_resume(ctx, record.id);
    ctx.check.must(read.ok(), "a record read without processing_status is readable",
                   read.evidence());
    ctx.check.must(read.at("/data/raw_resume/processing_status") == record.expected,
                   "GET /resumes infers processing_status \"" + record.expected +
                       "\" for a record read without the field",
                   read.evidence());
    const auto entry = list_entry(entries, record.id);
    ctx.check.must(entry && (*entry)["processing_status"] == record.expected,
                   "GET /resumes/list infers processing_status \"" + record.expected +
                       "\" for a record read without the field",
                   listed);
  }
}

// The record with `id` in TinyDB-layout `tables`; null when absent.
Json stored_record(const Json& tables, const std::string& id) {
  if (!tables.contains("resumes") || !tables["resumes"].is_object()) return nullptr;
  for (const auto& [key, record] : tables["resumes"].items()) {
    if (record.value("resume_id", "") == id) return record;
  }
  return nullptr;
}

void written_back_once(ScenarioContext& ctx) {
  const std::vector<Json> resumes = fixture_resumes();
  if (!reset_with_fixture(ctx, fixture_tables(resumes))) return;
  try {
    ctx.target.restart();
  } catch (const std::exception& e) {
    ctx.check.error(std::string("the target could not be restarted: ") + e.what());
    return;
  }
  const auto first = ctx.target.store_tables();
  if (!first) {
    ctx.check.not_testable("the stored tables cannot be read (store hook)");
    return;
  }
  for (const Json& fixture : resumes) {
    const std::string id = fixture["resume_id"];
    const Json stored = stored_record(*first, id);
    Json expected = fixture;
    for (const LegacyRecord& legacy : kLegacy) {
      if (legacy.id == id) expected["processing_status"] = legacy.expected;
    }
    ctx.check.must(stored == expected,
                   "after a restart record " + id +
                       " has its inferred processing_status written back and nothing else changed",
                   "expected " + expected.dump() + "\nstored " + stored.dump());
  }
  // Once: a second restart has nothing left to migrate and changes nothing.
  try {
    ctx.target.restart();
  } catch (const std::exception& e) {
    ctx.check.error(std::string("the target could not be restarted twice: ") + e.what());
    return;
  }
  const auto second = ctx.target.store_tables();
  ctx.check.must(second && (*second)["resumes"] == (*first)["resumes"],
                 "a second restart changes nothing (the migration runs once)",
                 second ? second->dump() : "no tables");
  for (const LegacyRecord& legacy : kLegacy) {
    const Step read = get_resume(ctx, legacy.id);
    ctx.check.must(read.at("/data/raw_resume/processing_status") == legacy.expected,
                   "after the restarts GET /resumes still shows \"" + legacy.expected + "\"",
                   read.evidence());
  }
}

RM_SCENARIO({
    .issue = "API-005",
    .name = "legacy_status_inferred_on_read",
    .description = "legacy records without processing_status: GET and list infer ready / "
                   "pending / failed; /status counts them",
    .needs = {Hook::kFixtureDb},
    .run = inferred_on_read,
});

RM_SCENARIO({
    .issue = "API-005",
    .name = "legacy_status_inferred_when_read_without_field",
    .description = "records read back without processing_status (store fault legacy_record): "
                   "GET and list infer ready (parsed) and pending (content, no data)",
    .needs = {Hook::kStore, Hook::kLlm},
    .run = inferred_when_read_without_field,
});

RM_SCENARIO({
    .issue = "API-005",
    .name = "legacy_status_written_back_once",
    .description = "after a restart each legacy record has its inferred status written back, "
                   "nothing else changed, and a second restart changes nothing",
    .needs = {Hook::kFixtureDb, Hook::kStore},
    .run = written_back_once,
});

}  // namespace
}  // namespace rm::harness
