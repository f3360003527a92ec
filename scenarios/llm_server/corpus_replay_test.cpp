// The Python backend's recorded LLM requests (both capture folders, read at run
// time) replayed against a real mock-llm over HTTP: each is told apart as its
// file's operation and answered 200 in the shape its call site expects, about
// the prompt's own resume and job.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "reference/domain/resume_data.hpp"
#include "scenarios/llm_server/llm_traffic.hpp"
#include "scenarios/llm_server/mock_llm_fixture.hpp"

namespace rm::test {
namespace {

using nlohmann::json;

struct Replayed {
  HttpResponse response;
  std::string content;
  json calls_before, calls_after;
};

std::int64_t count_of(const json& calls, const std::string& operation) {
  return calls["calls"].value(operation, std::int64_t{0});
}

// Same kind of JSON value; a null in the example stands for an optional field.
bool same_kind(const json& example, const json& answer) {
  if (example.is_null()) return true;
  if (example.is_number()) return answer.is_number();
  return example.type() == answer.type();
}

// Every field of the example is in the answer with the same kind of value; for
// lists, the answer's items have the shape of the example's first item.
void expect_shape(const json& example, const json& answer, const std::string& where) {
  ASSERT_TRUE(same_kind(example, answer)) << where << ": " << answer.dump();
  if (example.is_object()) {
    for (const auto& [key, value] : example.items()) {
      ASSERT_TRUE(answer.contains(key)) << where << "." << key << " missing in " << answer.dump();
      expect_shape(value, answer[key], where + "." + key);
    }
  } else if (example.is_array() && !example.empty()) {
    for (std::size_t i = 0; i < answer.size(); ++i) {
      expect_shape(example[0], answer[i], where + "[" + std::to_string(i) + "]");
    }
  }
}

// The job's title and company as the prompt's job description states them on
// its first line ("<title> at <company>"), read here independently of mock-llm.
std::pair<std::string, std::string> job_of(const std::string& prompt) {
  const std::string label = "Job Description:\n";
  const auto at = prompt.find(label);
  if (at == std::string::npos) return {};
  const auto begin = at + label.size();
  const std::string line = prompt.substr(begin, prompt.find('\n', begin) - begin);
  const auto split = line.find(" at ");
  if (split == std::string::npos) return {};
  return {line.substr(0, split), line.substr(split + 4)};
}

bool is_resume_operation(const std::string& operation) {
  return operation == "parse_resume" || operation == "improve" || operation == "refine";
}

class CorpusReplay : public MockLlmSuite {
 protected:
  // The body as the backend's json.dumps puts it on the wire (non-ASCII as
  // \uXXXX), with the headers of its LLM client.
  static Replayed replay(const json& request) {
    Replayed out;
    out.calls_before = calls();
    HttpClient client(base_url());
    out.response =
        client.request("POST", "/v1/chat/completions",
                       {{"Content-Type", "application/json"}, {"Authorization", "Bearer test-key"}},
                       request.dump(-1, ' ', /*ensure_ascii=*/true));
    out.calls_after = calls();
    const json body = out.response.json();
    if (body.is_object() && body.contains("choices")) {
      out.content = body["choices"][0]["message"]["content"].get<std::string>();
    }
    return out;
  }
};

TEST_F(CorpusReplay, EveryRecordedRequestIsAnsweredInItsCallersShape) {
  const auto files = llm_traffic();
  ASSERT_EQ(files.size(), 34u) << "17 files in each of the two capture folders";
  for (const TrafficFile& file : files) {
    SCOPED_TRACE(file.name);
    const std::string operation = file.operation();
    const Replayed got = replay(file.request());
    ASSERT_EQ(got.response.status, 200) << got.response.body;
    EXPECT_EQ(got.response.header("x-mock-operation"), operation);
    EXPECT_EQ(count_of(got.calls_after, operation), count_of(got.calls_before, operation) + 1);
    EXPECT_EQ(got.calls_after["requests"], got.calls_before["requests"].get<std::int64_t>() + 1);
    const json& example = file.record["answer_example"];

    if (operation == "health") {
      EXPECT_FALSE(got.content.empty());
      EXPECT_LT(got.content.size(), 64u) << got.content;
      continue;
    }
    if (operation == "cover_letter" || operation == "outreach") {
      EXPECT_FALSE(json::parse(got.content, nullptr, false).is_object()) << "plain text expected";
      const auto [title, company] = job_of(file.user_text());
      ASSERT_FALSE(title.empty());
      ASSERT_FALSE(company.empty());
      // The test's reading of the job agrees with the recorded answer ...
      EXPECT_NE(example.get<std::string>().find(company), std::string::npos);
      // ... and the mock names the same job.
      EXPECT_NE(got.content.find(title), std::string::npos) << got.content;
      EXPECT_NE(got.content.find(company), std::string::npos) << got.content;
      continue;
    }

    // The JSON call sites.
    const json answer = json::parse(got.content, nullptr, false);
    ASSERT_TRUE(answer.is_object()) << got.content;
    if (is_resume_operation(operation)) {
      const ResumeDataCheck check = validate_resume_data(answer);
      EXPECT_TRUE(check.ok()) << check.error.value_or("") << "\n" << got.content;
      // The resume's own person: for 08 the tailored resume's, not the master's.
      EXPECT_EQ(answer["personalInfo"]["name"], example["personalInfo"]["name"]);
      EXPECT_EQ(answer["personalInfo"]["email"], example["personalInfo"]["email"]);
      for (const auto& [key, value] : example.items()) {
        EXPECT_TRUE(answer.contains(key)) << key;
        EXPECT_TRUE(same_kind(value, answer[key])) << key;
      }
    } else {
      expect_shape(example, answer, operation);
    }
  }
}

TEST_F(CorpusReplay, DifferentInputsGetDifferentAnswers) {
  std::set<std::string> improved;
  for (const char* name :
       {"04-improve-nudge.json", "05-improve-keywords.json", "06-improve-full.json"}) {
    const Replayed got = replay(llm_traffic_file(name).request());
    ASSERT_EQ(got.response.status, 200);
    improved.insert(got.content);
  }
  EXPECT_EQ(improved.size(), 3u) << "each improve prompt id answers differently";

  const Replayed master = replay(llm_traffic_file("07-refine.json").request());
  const Replayed other = replay(llm_traffic_file("08-refine-non-master-resume.json").request());
  EXPECT_NE(json::parse(master.content)["personalInfo"]["name"],
            json::parse(other.content)["personalInfo"]["name"]);

  // The same parse prompt around another (invented) resume parses that resume.
  const TrafficFile parse = llm_traffic_file("02-parse_resume.json");
  json body = parse.request();
  std::string text = parse.user_text();
  const std::string label = "Resume to parse:\n";
  const auto at = text.find(label);
  ASSERT_NE(at, std::string::npos);
  text = text.substr(0, at + label.size()) +
         "# Ines Duarte\nData Engineer\nines.duarte@example.org | Lisbon\n\n## Skills\nSQL, dbt\n";
  body["messages"][1]["content"] = text;
  const json other_person = json::parse(replay(body).content);
  EXPECT_EQ(other_person["personalInfo"]["name"], "Ines Duarte");
  EXPECT_EQ(other_person["personalInfo"]["email"], "ines.duarte@example.org");
}

TEST_F(CorpusReplay, ImproveKeepsThePersonUnlessAFaultInventsOne) {
  const json request = llm_traffic_file("06-improve-full.json").request();
  const json example = llm_traffic_file("06-improve-full.json").record["answer_example"];
  EXPECT_EQ(json::parse(replay(request).content)["personalInfo"], example["personalInfo"]);
  install("improve", "wrong_but_valid");
  const json invented = json::parse(replay(request).content);
  EXPECT_EQ(invented["personalInfo"]["name"], "Jordan Fabricated");
  EXPECT_TRUE(validate_resume_data(invented).ok());
}

TEST_F(CorpusReplay, EnrichmentCallsCanBeFaultedOneByOne) {
  install("enrichment_regenerate_skills", "schema_invalid");
  const Replayed skills =
      replay(llm_traffic_file("14-enrichment_regenerate_skills.json").request());
  EXPECT_TRUE(json::parse(skills.content)["new_skills"].is_string());
  const Replayed item = replay(llm_traffic_file("13-enrichment_regenerate_item.json").request());
  EXPECT_TRUE(json::parse(item.content)["new_bullets"].is_array());
}

}  // namespace
}  // namespace rm::test
