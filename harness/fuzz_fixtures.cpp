#include "harness/fuzz_fixtures.hpp"

#include "harness/flows.hpp"
#include "reference/domain/preview_hash.hpp"
#include "reference/domain/resume_data.hpp"

namespace rm::harness::fuzz {
namespace {

using flows::fixture_job;
using flows::fixture_resume;
using flows::fixture_tables;
using flows::sample_resume_data;

const std::string kLegacyHashResume = "f0a00000-0000-4000-8000-000000000001";
const std::string kLegacyListJob = "f0a00000-0000-4000-8000-0000000000b1";
const std::string kLegacyBareJob = "f0a00000-0000-4000-8000-0000000000b2";

Json legacy_previewed() {
  Json previewed = sample_resume_data("Legacy Hashes");
  previewed["summary"] = "Systems engineer who builds compilers, Kubernetes and Python tooling.";
  return previewed;
}

Json legacy_status() {
  Json current = fixture_resume("f5000000-0000-4000-8000-000000000001",
                                sample_resume_data("Current Record"), true);
  Json failed = fixture_resume("f5000000-0000-4000-8000-000000000005", nullptr, false);
  failed["content"] = "# Current Unparsed\nThe model could not parse this upload";
  failed["processing_status"] = "failed";
  Json with_data = fixture_resume("f5000000-0000-4000-8000-000000000002",
                                  sample_resume_data("Legacy Parsed"), false);
  Json content_only = fixture_resume("f5000000-0000-4000-8000-000000000003", nullptr, false);
  content_only["content"] = "# Legacy Unparsed\nNever parsed by the model";
  Json neither = fixture_resume("f5000000-0000-4000-8000-000000000004", nullptr, false);
  neither["content"] = "";
  for (Json* legacy : {&with_data, &content_only, &neither}) legacy->erase("processing_status");
  return fixture_tables({current, failed, with_data, content_only, neither},
                        {fixture_job("f5000000-0000-4000-8000-0000000000b1")});
}

Json orphan_tailored() {
  const std::string master = "f1200000-0000-4000-8000-000000000001";
  const Json data = sample_resume_data("Record Lost");
  return fixture_tables(
      {fixture_resume(master, data, true),
       fixture_resume("f1200000-0000-4000-8000-000000000002", data, false, master)},
      {fixture_job("f1200000-0000-4000-8000-0000000000b1")}, {});
}

Json legacy_hashes() {
  const std::string hash = preview_hash(validate_resume_data(legacy_previewed()).data);
  Json listed = fixture_job(kLegacyListJob);
  listed["preview_hashes"] = Json::array({hash});
  Json bare = fixture_job(kLegacyBareJob);
  bare["preview_hash"] = hash;
  return fixture_tables(
      {fixture_resume(kLegacyHashResume, sample_resume_data("Legacy Hashes"), true)},
      {listed, bare});
}

Json no_personal_info() {
  Json data = sample_resume_data("Nobody Inparticular");
  data.erase("personalInfo");
  return fixture_tables({fixture_resume("f0600000-0000-4000-8000-000000000001", data, true)},
                        {fixture_job("f0600000-0000-4000-8000-0000000000b1")});
}

Json malformed_summary() {
  Json data = sample_resume_data("Malformed Record");
  data["summary"] = Json::array({"Systems engineer", "Compilers and Python tooling"});
  return fixture_tables({fixture_resume("f0700000-0000-4000-8000-000000000001", data, true)},
                        {fixture_job("f0700000-0000-4000-8000-0000000000b1")});
}

}  // namespace

const std::vector<std::string>& fixture_names() {
  static const std::vector<std::string> kNames = {
      "legacy_status", "orphan_tailored", "legacy_hashes", "no_personal_info", "malformed_summary"};
  return kNames;
}

std::optional<Json> fixture_database(const std::string& name) {
  if (name == "legacy_status") return legacy_status();
  if (name == "orphan_tailored") return orphan_tailored();
  if (name == "legacy_hashes") return legacy_hashes();
  if (name == "no_personal_info") return no_personal_info();
  if (name == "malformed_summary") return malformed_summary();
  return std::nullopt;
}

std::vector<FixturePreview> fixture_previews(const std::string& name) {
  if (name != "legacy_hashes") return {};
  return {{kLegacyHashResume, kLegacyListJob, "keywords", legacy_previewed()},
          {kLegacyHashResume, kLegacyBareJob, "keywords", legacy_previewed()}};
}

}  // namespace rm::harness::fuzz
