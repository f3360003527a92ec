// PromptClassifier: the recorded prompts and their variants (a retry's hint, a
// shuffled keyword list, reordered keys, reworded instructions) land on the same
// operation; a short prompt is a health check; anything else is `unknown` and
// gets a generic answer; the user's rules come first.
#include "mocks/llm_server/prompt_classifier.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "mocks/llm_server/foreign_answers.hpp"
#include "reference/adapters/plain_prompts.hpp"
#include "scenarios/llm_server/llm_traffic.hpp"

namespace rm {
namespace {

using test::llm_traffic;
using test::llm_traffic_file;

constexpr const char* kRetryHint =
    "\n\nIMPORTANT: Output ONLY a valid JSON object. Start with { and end with }.";

ChatRequest request_of(const Json& body) {
  std::string error;
  auto request = parse_chat_request(body.dump(), error);
  EXPECT_TRUE(request) << error;
  return request.value_or(ChatRequest{});
}

ChatRequest user_prompt(const std::string& text, bool json_mode = false) {
  ChatRequest request;
  request.messages.push_back({"user", text});
  request.json_mode = json_mode;
  return request;
}

Json& last_user_content(Json& body) {
  for (auto it = body["messages"].rbegin(); it != body["messages"].rend(); ++it) {
    if ((*it)["role"] == "user") return (*it)["content"];
  }
  return body["messages"].back()["content"];
}

TEST(PromptClassifier, EveryRecordedRequestIsItsFilesOperation) {
  const PromptClassifier classifier;
  const auto files = llm_traffic();
  ASSERT_EQ(files.size(), 34u);
  for (const auto& file : files) {
    const Classified found = classifier.classify(request_of(file.request()));
    EXPECT_EQ(found.operation, file.operation()) << file.name;
    if (file.operation() == "improve") {
      EXPECT_EQ(found.args.at("prompt_id"), file.variant()) << file.name;
      EXPECT_EQ(found.args.at("language"), "en") << file.name;
    }
  }
}

TEST(PromptClassifier, ARetryHintChangesNothing) {
  const PromptClassifier classifier;
  for (const auto& file : llm_traffic()) {
    if (!file.request().contains("response_format")) continue;  // only JSON call sites retry
    Json body = file.request();
    last_user_content(body) = file.user_text() + kRetryHint;
    body["temperature"] = 0.0;
    const ChatRequest retried = request_of(body);
    EXPECT_EQ(classifier.classify(retried).operation, file.operation()) << file.name;
    EXPECT_EQ(foreign_answer(file.operation(), classifier.classify(retried).args, retried),
              foreign_answer(file.operation(), classifier.classify(request_of(file.request())).args,
                             request_of(file.request())))
        << file.name;
  }
}

TEST(PromptClassifier, TheKeywordOrderOfARefineDoesNotMatter) {
  const PromptClassifier classifier;
  for (const char* name : {"07-refine.json", "08-refine-non-master-resume.json"}) {
    const auto file = llm_traffic_file(name);
    const std::string text = file.user_text();
    // The list is the first [...] of the prompt; reverse and rotate it.
    const auto open = text.find('['), close = text.find(']', open);
    ASSERT_NE(close, std::string::npos);
    Json keywords = Json::parse(text.substr(open, close - open + 1));
    ASSERT_GE(keywords.size(), 2u);
    std::vector<std::string> shuffled = keywords.get<std::vector<std::string>>();
    std::reverse(shuffled.begin(), shuffled.end());
    std::rotate(shuffled.begin(), shuffled.begin() + 1, shuffled.end());
    Json body = file.request();
    last_user_content(body) = text.substr(0, open) + Json(shuffled).dump() + text.substr(close + 1);
    const ChatRequest original = request_of(file.request()), reordered = request_of(body);
    EXPECT_EQ(classifier.classify(reordered).operation, "refine") << name;
    EXPECT_EQ(foreign_answer("refine", {}, reordered), foreign_answer("refine", {}, original))
        << name;
  }
}

TEST(PromptClassifier, ReorderedKeysAndContentPartsChangeNothing) {
  const auto file = llm_traffic_file("03-extract_keywords.json");
  Json body = file.request();
  for (Json& message : body["messages"]) {
    message = Json{{"content", Json::array({Json{{"type", "text"}, {"text", message["content"]}}})},
                   {"role", message["role"]}};
  }
  EXPECT_EQ(PromptClassifier().classify(request_of(body)).operation, "extract_keywords");
}

TEST(PromptClassifier, RewordedInstructionsAreRecognised) {
  const PromptClassifier classifier;
  const std::vector<std::pair<std::string, std::string>> prompts{
      {"Please convert the CV below into structured JSON.\n\nCV:\n# Ana Ruiz", "parse_resume"},
      {"Extract the key requirements from this job posting.\n\nJob posting:\nQA Lead",
       "extract_keywords"},
      {"Optimize the resume below for this job description.\n\nJob description:\nQA Lead",
       "improve"},
      {"Please inject these missing keywords into the resume.\n\nKeywords:\n[\"Go\"]", "refine"},
      {"Draft a short cover letter for the position.\n\nJob description:\nQA Lead", "cover_letter"},
      {"Compose a cold email to the hiring manager.\n\nJob description:\nQA Lead", "outreach"},
      {"Analyse the resume and find weak bullet descriptions.\n\n{}", "enrichment_analyze"},
      {"Add two more bullet points to this item.\n\nTitle: X", "enrichment_enhance"},
      {"Regenerate the description of this job entry.\n\nTitle: X", "enrichment_regenerate_item"},
      {"Rewrite the skills list as the user asks.\n\nCURRENT SKILLS:\nGo",
       "enrichment_regenerate_skills"}};
  for (const auto& [text, operation] : prompts) {
    EXPECT_EQ(classifier.classify(user_prompt(text)).operation, operation) << text;
  }
  const auto improve = [&](const std::string& instruction) {
    return classifier.classify(user_prompt(instruction + "\n\nJob description:\nQA Lead"))
        .args.at("prompt_id");
  };
  EXPECT_EQ(improve("Make minimal edits to align this resume with the job."), "nudge");
  EXPECT_EQ(improve("Tailor my resume for the role."), "full");
  EXPECT_EQ(improve("Enhance this resume using the job's keywords."), "keywords");
}

// The reference's own plain-language prompts (--llm-prompts plain), worded unlike
// the Python backend's: the operation and the improve prompt id come from content.
TEST(PromptClassifier, TheReferencesPlainPromptsAreRecognised) {
  const auto as_request = [](const ChatPrompt& prompt) {
    ChatRequest request;
    if (!prompt.system.empty()) request.messages.push_back({"system", prompt.system});
    request.messages.push_back({"user", prompt.user});
    request.json_mode = prompt.json_answer;
    return request;
  };
  const Json resume = Json::parse(R"({"personalInfo": {"name": "Ada Lovelace"}, "summary": "x",
      "workExperience": [], "education": [], "personalProjects": [], "additional": {}})");
  const std::string job = "Data Engineer at Contoso\n\nWe need Python, Kafka and SQL.";
  const PromptClassifier classifier{OperationRules{}};
  EXPECT_EQ(
      classifier.classify(as_request(plain_prompts::parse_resume("# Ada Lovelace\n"))).operation,
      "parse_resume");
  EXPECT_EQ(classifier.classify(as_request(plain_prompts::extract_keywords(job))).operation,
            "extract_keywords");
  for (const char* prompt_id : {"nudge", "keywords", "full"}) {
    ImproveInput input{prompt_id, resume, job, Json{{"keywords", {"Python", "Kafka"}}}, "en"};
    const Classified improve = classifier.classify(as_request(plain_prompts::improve(input)));
    EXPECT_EQ(improve.operation, "improve") << prompt_id;
    EXPECT_EQ(improve.args.at("prompt_id"), prompt_id);
  }
  RefineInput refine{resume, {"Kafka", "SQL"}, job};
  EXPECT_EQ(classifier.classify(as_request(plain_prompts::refine(refine))).operation, "refine");
  MessageInput message{resume, job, "en"};
  EXPECT_EQ(classifier.classify(as_request(plain_prompts::cover_letter(message))).operation,
            "cover_letter");
  EXPECT_EQ(classifier.classify(as_request(plain_prompts::outreach(message))).operation,
            "outreach");
  EXPECT_EQ(classifier.classify(as_request(plain_prompts::health())).operation, "health");
}

// Prompts of an implementation's newer version that talk about tailoring a resume
// or extracting from a job but ask for another output (a list of edits, a skill
// plan, a one-line title) are not answered as improve / extract_keywords: they are
// `unknown`, answered in the output format they show, or as text.
TEST(PromptClassifier, PromptsAskingForAnotherShapeAreUnknownAndGetThatShape) {
  const PromptClassifier classifier{OperationRules{}};
  const std::string resume =
      R"({"personalInfo": {"name": "Ada Lovelace"}, "summary": "Engineer.", "workExperience": []})";
  ChatRequest edits = user_prompt(
      "Given the resume and the job description below, return a JSON object with targeted "
      "edits that align the resume with the job.\n\nJob Description:\nData Engineer at "
      "Contoso\n\nOriginal Resume:\n" +
          resume +
          "\n\nOutput this exact JSON format:\n{\"changes\": [{\"path\": \"summary\", "
          "\"action\": \"replace\", \"original\": \"old\", \"value\": \"new\"}], "
          "\"strategy_notes\": \"notes\"}",
      true);
  EXPECT_EQ(classifier.classify(edits).operation, "unknown");
  const Json edits_answer = Json::parse(foreign_answer("unknown", {}, edits));
  EXPECT_TRUE(edits_answer.contains("changes")) << edits_answer.dump();

  ChatRequest plan = user_prompt(
      "Build a short plan of the skills to stress when tailoring this resume to the job. "
      "Return only a JSON object.\n\nResume JSON:\n" +
          resume +
          "\n\nOutput this exact JSON format:\n{\"target_skills\": [{\"skill\": \"Go\", "
          "\"reason\": \"asked for\"}], \"strategy_notes\": \"notes\"}",
      true);
  EXPECT_EQ(classifier.classify(plan).operation, "unknown");
  EXPECT_TRUE(Json::parse(foreign_answer("unknown", {}, plan)).contains("target_skills"));

  const ChatRequest title = user_prompt(
      "Extract the job title and company name from this job description.\n\nJob "
      "Description:\nData Engineer at Contoso\n\nOutput the title only, nothing else.");
  EXPECT_NE(classifier.classify(title).operation, "extract_keywords");
}

TEST(PromptClassifier, AShortPromptIsAHealthCheck) {
  const PromptClassifier classifier;
  for (const char* text : {"Hi", "ping", "Say OK", "  hello there!  "}) {
    EXPECT_EQ(classifier.classify(user_prompt(text)).operation, "health") << text;
  }
  const ChatRequest hi = user_prompt("Hi");
  const std::string answer = foreign_answer("health", {}, hi);
  EXPECT_FALSE(answer.empty());
  EXPECT_LT(answer.size(), 64u);
}

TEST(PromptClassifier, AnythingElseIsUnknownWithAGenericAnswer) {
  const PromptClassifier classifier;
  const std::string text =
      "Plan which of the candidate's skills to lead with for the role below.\n\n"
      "Role:\nQA Lead at Proseware\n\nSkills:\nGo, Python";
  ChatRequest json_call = user_prompt(text, /*json_mode=*/true);
  EXPECT_EQ(classifier.classify(json_call).operation, "unknown");
  const Json generic = Json::parse(foreign_answer("unknown", {}, json_call), nullptr, false);
  EXPECT_TRUE(generic.is_object());
  // A system prompt demanding JSON is enough.
  ChatRequest told;
  told.messages = {{"system", "Respond with valid JSON only."}, {"user", text}};
  EXPECT_TRUE(Json::parse(foreign_answer("unknown", {}, told), nullptr, false).is_object());
  // Otherwise plain text.
  const std::string plain = foreign_answer("unknown", {}, user_prompt(text));
  EXPECT_TRUE(Json::parse(plain, nullptr, false).is_discarded());
  EXPECT_FALSE(plain.empty());
}

TEST(PromptClassifier, UserRulesComeFirst) {
  const PromptClassifier classifier(OperationRules::from_json(Json::parse(
      R"([{"operation": "outreach", "pattern": "^Hi$", "args": {"language": "de"}},
          {"operation": "enrichment_analyze", "pattern": "skills to lead with"}])")));
  const Classified hi = classifier.classify(user_prompt("Hi"));
  EXPECT_EQ(hi.operation, "outreach");
  EXPECT_EQ(hi.args.at("language"), "de");
  EXPECT_EQ(classifier.classify(user_prompt("Plan which skills to lead with.\n\nx")).operation,
            "enrichment_analyze");
  // A rule sees the prompt without a retry's hint.
  EXPECT_EQ(classifier.classify(user_prompt(std::string("Hi") + kRetryHint)).operation, "outreach");
}

}  // namespace
}  // namespace rm
