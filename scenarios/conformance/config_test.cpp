// Contract section 1, config: GET/PUT /config/features, /config/language,
// /config/prompts.
#include <gtest/gtest.h>

#include "scenarios/support/json_checks.hpp"
#include "scenarios/support/reference_server_fixture.hpp"

namespace rm::test {
namespace {

using nlohmann::json;

class ConfigTest : public ReferenceServerTest {};

TEST_F(ConfigTest, FeaturesAreOffByDefaultAndPutStoresThem) {
  const auto initial = client().get(api("/config/features"));
  ASSERT_TRUE(is_json_ok(initial));
  EXPECT_EQ(initial.json(),
            json({{"enable_cover_letter", false}, {"enable_outreach_message", false}}));

  const auto put = client().put_json(api("/config/features"), {{"enable_cover_letter", true}});
  ASSERT_TRUE(is_json_ok(put));
  EXPECT_EQ(put.json(), json({{"enable_cover_letter", true}, {"enable_outreach_message", false}}))
      << "a PUT changes only the fields it names";
  const auto partial =
      client().put_json(api("/config/features"), {{"enable_outreach_message", true}});
  ASSERT_TRUE(is_json_ok(partial));
  EXPECT_EQ(partial.json(),
            json({{"enable_cover_letter", true}, {"enable_outreach_message", true}}));
  EXPECT_EQ(client().get(api("/config/features")).json(), partial.json());

  const auto off = client().put_json(api("/config/features"), {{"enable_cover_letter", false},
                                                               {"enable_outreach_message", false}});
  ASSERT_TRUE(is_json_ok(off));
  EXPECT_EQ(client().get(api("/config/features")).json(), off.json());
}

TEST_F(ConfigTest, FeaturesWithAWrongTypeIs422AndChangesNothing) {
  const auto before = client().get(api("/config/features")).json();
  EXPECT_TRUE(is_error(
      client().put_json(api("/config/features"), {{"enable_cover_letter", "definitely"}}), 422));
  EXPECT_TRUE(is_error(
      client().put_json(api("/config/features"), {{"enable_outreach_message", {1}}}), 422));
  EXPECT_EQ(client().get(api("/config/features")).json(), before);
}

TEST_F(ConfigTest, LanguageAnswersBothLanguagesAndTheSupportedList) {
  const auto response = client().get(api("/config/language"));
  ASSERT_TRUE(is_json_ok(response));
  const auto body = response.json();
  EXPECT_TRUE(has_field(body, "ui_language", kString));
  EXPECT_TRUE(has_field(body, "content_language", kString));
  ASSERT_TRUE(has_field(body, "supported_languages", kArray));
  EXPECT_EQ(body["supported_languages"], json({"en", "es", "zh", "ja", "pt"}));
}

TEST_F(ConfigTest, LanguagePutStoresEachSupportedLanguage) {
  for (const char* language : {"es", "zh", "ja", "pt", "en"}) {
    SCOPED_TRACE(language);
    const auto response = client().put_json(
        api("/config/language"), {{"ui_language", language}, {"content_language", language}});
    ASSERT_TRUE(is_json_ok(response));
    EXPECT_EQ(response.json()["ui_language"], language);
    EXPECT_EQ(response.json()["content_language"], language);
    EXPECT_EQ(client().get(api("/config/language")).json()["content_language"], language);
  }
  // Only the named field changes.
  const auto response = client().put_json(api("/config/language"), {{"content_language", "ja"}});
  ASSERT_TRUE(is_json_ok(response));
  EXPECT_EQ(response.json()["ui_language"], "en");
  EXPECT_EQ(response.json()["content_language"], "ja");
  ASSERT_TRUE(is_json_ok(client().put_json(api("/config/language"), {{"content_language", "en"}})));
}

TEST_F(ConfigTest, LanguageOutsideTheSupportedListIs400AndChangesNothing) {
  const auto before = client().get(api("/config/language")).json();
  EXPECT_TRUE(is_error(client().put_json(api("/config/language"), {{"ui_language", "fr"}}), 400));
  EXPECT_TRUE(
      is_error(client().put_json(api("/config/language"), {{"content_language", "klingon"}}), 400));
  EXPECT_EQ(client().get(api("/config/language")).json(), before);
}

TEST_F(ConfigTest, PromptsDefaultToKeywordsWithThreeDocumentedOptions) {
  const auto response = client().get(api("/config/prompts"));
  ASSERT_TRUE(is_json_ok(response));
  const auto body = response.json();
  ASSERT_TRUE(has_field(body, "default_prompt_id", kString));
  EXPECT_EQ(body["default_prompt_id"], "keywords");
  ASSERT_TRUE(has_field(body, "prompt_options", kArray));
  std::vector<std::string> ids;
  for (const auto& option : body["prompt_options"]) {
    ASSERT_TRUE(has_field(option, "id", kString));
    EXPECT_TRUE(has_field(option, "label", kString));
    EXPECT_TRUE(has_field(option, "description", kString));
    ids.push_back(option["id"].get<std::string>());
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"nudge", "keywords", "full"}));
}

TEST_F(ConfigTest, PromptsPutStoresTheDefault) {
  for (const char* id : {"nudge", "full", "keywords"}) {
    SCOPED_TRACE(id);
    const auto response = client().put_json(api("/config/prompts"), {{"default_prompt_id", id}});
    ASSERT_TRUE(is_json_ok(response));
    EXPECT_EQ(response.json()["default_prompt_id"], id);
    EXPECT_EQ(response.json()["prompt_options"].size(), 3u);
    EXPECT_EQ(client().get(api("/config/prompts")).json()["default_prompt_id"], id);
  }
}

TEST_F(ConfigTest, PromptsWithAnUnknownIdIs400AndChangesNothing) {
  const auto before = client().get(api("/config/prompts")).json();
  EXPECT_TRUE(is_error(
      client().put_json(api("/config/prompts"), {{"default_prompt_id", "aggressive"}}), 400));
  EXPECT_EQ(client().get(api("/config/prompts")).json(), before);
}

}  // namespace
}  // namespace rm::test
