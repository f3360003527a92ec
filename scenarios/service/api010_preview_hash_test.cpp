// API-010: confirm accepts exactly the latest preview of its job and prompt:
// stale data, a prompt without a preview and legacy hash layouts are refused
// (400, nothing stored), and concurrent previews of two prompts both confirm.
#include "reference/domain/preview_hash.hpp"
#include "reference/domain/resume_data.hpp"
#include "scenarios/service/service_fixture.hpp"

namespace rm::service_test {
namespace {

using ::testing::_;
using ::testing::Invoke;
using ::testing::Truly;

std::string hash_of(const Json& resume_data) {
  return preview_hash(validate_resume_data(resume_data).data);
}

class Api010 : public ServiceFixture {
 protected:
  Api010() : resume_id(seed_master()), job_id(seed_job()) {
    // Each improvement differs by prompt and by call, so that every preview has its own hash.
    ON_CALL(*llm, improve(_)).WillByDefault(Invoke([this](const ImproveInput& input) {
      Json data = improved_answer();
      data["summary"] = "Tailored with " + input.prompt_id + ", take " + std::to_string(++calls_);
      return data.dump();
    }));
  }

  Json preview(const std::optional<std::string>& prompt_id) {
    auto result = service().improve_preview({resume_id, job_id, prompt_id});
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.failure().detail);
    return result.ok() ? result.value().at("data") : Json::object();
  }

  Outcome<Json> confirm(const Json& preview_data, const std::optional<std::string>& prompt_id) {
    return service().improve_confirm({resume_id, job_id, prompt_id,
                                      preview_data.at("resume_preview"),
                                      preview_data.at("improvements")});
  }

  // Confirms `preview_data` and expects a 400 with nothing stored.
  std::string expect_refused(const Json& preview_data,
                             const std::optional<std::string>& prompt_id) {
    const StoreStats before = stats();
    auto result = confirm(preview_data, prompt_id);
    EXPECT_FALSE(result.ok());
    if (result.ok()) return "";
    EXPECT_EQ(result.failure().status, 400) << result.failure().detail;
    EXPECT_EQ(stats().total_resumes, before.total_resumes);
    EXPECT_EQ(stats().total_improvements, before.total_improvements);
    return result.failure().detail;
  }

  void expect_confirmed(const Json& preview_data, const std::optional<std::string>& prompt_id) {
    const StoreStats before = stats();
    auto result = confirm(preview_data, prompt_id);
    ASSERT_TRUE(result.ok()) << result.failure().detail;
    EXPECT_EQ(stats().total_resumes, before.total_resumes + 1);
    EXPECT_EQ(stats().total_improvements, before.total_improvements + 1);
  }

  // Preview "nudge"; while it writes its hash, preview "full" runs from start to
  // end: whichever way the service writes the hash, the writes interleave.
  std::pair<Json, Json> interleaved_previews() {
    // The actions outlive this call, so their state lives in the fixture.
    const auto run_full_first = [this] {
      if (nested_) return;
      nested_ = true;
      full_ = preview("full");
    };
    ON_CALL(*store, set_preview_hash(_, "nudge", _))
        .WillByDefault(
            Invoke([this, run_full_first](const std::string& job, const std::string& prompt,
                                          const std::string& hash) {
              run_full_first();
              return memory->set_preview_hash(job, prompt, hash);
            }));
    ON_CALL(*store, update_job(_, Truly([](const Json& patch) {
                                 return patch.contains("preview_hashes") &&
                                        patch["preview_hashes"].contains("nudge");
                               })))
        .WillByDefault(Invoke([this, run_full_first](const std::string& job, const Json& patch) {
          run_full_first();
          return memory->update_job(job, patch);
        }));
    Json nudge = preview("nudge");
    EXPECT_TRUE(nested_) << "the previews did not interleave";
    return {nudge, full_};
  }

  std::string resume_id;
  std::string job_id;

 private:
  int calls_ = 0;
  bool nested_ = false;
  Json full_;
};

TEST_F(Api010, PreviewStoresTheHashOfItsResultUnderItsPrompt) {
  EXPECT_CALL(*store, update_job(_, _)).Times(::testing::AnyNumber());
  EXPECT_CALL(*store,
              update_job(_, Truly([](const Json& p) { return p.contains("preview_hashes"); })))
      .Times(0);
  const Json data = preview(std::nullopt);
  const Json hashes = memory->get_job(job_id)->at("preview_hashes");
  EXPECT_EQ(hashes, (Json{{"keywords", hash_of(data.at("resume_preview"))}}));
}

TEST_F(Api010, DefaultPromptComesFromTheSettings) {
  settings_json["default_prompt_id"] = "full";
  const Json data = preview(std::nullopt);
  EXPECT_TRUE(memory->get_job(job_id)->at("preview_hashes").contains("full"));
  expect_confirmed(data, std::nullopt);
}

TEST_F(Api010, StalePreviewIsRefusedAndTheLatestConfirms) {
  const Json first = preview(std::nullopt);
  const Json second = preview(std::nullopt);
  const std::string detail = expect_refused(first, std::nullopt);
  EXPECT_TRUE(mentions(detail, "stale") || mentions(detail, "mismatch")) << detail;
  expect_confirmed(second, std::nullopt);
}

TEST_F(Api010, InterleavedPreviewsOfTwoPromptsBothConfirm) {
  const auto [nudge, full] = interleaved_previews();
  expect_confirmed(full, "full");
  expect_confirmed(nudge, "nudge");
}

TEST_F(Api010, PromptWithoutPreviewIsRefusedByName) {
  const Json keywords = preview("keywords");
  const std::string detail = expect_refused(keywords, "full");
  EXPECT_TRUE(mentions(detail, "preview") && mentions(detail, "full")) << detail;
}

TEST_F(Api010, NoPreviewAtAllIsRefused) {
  Json data = improved_answer();
  data["personalInfo"] = master_data()["personalInfo"];
  expect_refused({{"resume_preview", data}, {"improvements", Json::array()}}, std::nullopt);
}

TEST_F(Api010, LegacyHashLayoutsAreAnInvalidFormat) {
  const Json data = preview(std::nullopt);
  const std::string hash = hash_of(data.at("resume_preview"));
  memory->update_job(job_id, {{"preview_hashes", Json::array({hash})}});
  EXPECT_TRUE(mentions(expect_refused(data, std::nullopt), "format"));
  memory->update_job(job_id, {{"preview_hashes", nullptr}, {"preview_hash", hash}});
  EXPECT_TRUE(mentions(expect_refused(data, std::nullopt), "format"));
}

TEST_F(Api010, DefectLosesAnInterleavedPreview) {
  make_service(Issue::kApi010);
  const auto [nudge, full] = interleaved_previews();
  EXPECT_FALSE(memory->get_job(job_id)->at("preview_hashes").contains("full"));
  expect_refused(full, "full");
}

TEST_F(Api010, DefectAcceptsAnotherPromptsHashAndLegacyLayouts) {
  make_service(Issue::kApi010);
  const Json keywords = preview("keywords");
  expect_confirmed(keywords, "full");
  memory->update_job(job_id,
                     {{"preview_hashes", Json::array({hash_of(keywords.at("resume_preview"))})}});
  expect_confirmed(keywords, std::nullopt);
}

}  // namespace
}  // namespace rm::service_test
