#include "reference/adapters/plain_prompts.hpp"

#include <map>

namespace rm::plain_prompts {
namespace {

std::string language_name(const std::string& code) {
  static const std::map<std::string, std::string> kNames = {{"en", "English"},
                                                            {"es", "Spanish"},
                                                            {"zh", "Chinese"},
                                                            {"ja", "Japanese"},
                                                            {"pt", "Portuguese"}};
  const auto found = kNames.find(code);
  return found == kNames.end() ? "English" : found->second;
}

std::string joined(const Json& list) {
  std::string out;
  if (!list.is_array()) return out;
  for (const Json& item : list) {
    if (!item.is_string()) continue;
    out += (out.empty() ? "" : ", ") + item.get<std::string>();
  }
  return out;
}

std::string joined(const std::vector<std::string>& list) {
  std::string out;
  for (const std::string& item : list) out += (out.empty() ? "" : ", ") + item;
  return out;
}

constexpr const char* kWholeResume =
    "Keep personalInfo exactly as it is. Reply with the whole resume as one JSON object with "
    "the same fields (personalInfo, summary, workExperience, education, personalProjects, "
    "additional).";

}  // namespace

ChatPrompt parse_resume(const std::string& markdown) {
  return {"You turn resumes into structured data. Reply with JSON only.",
          "Convert the resume below into a JSON object with the fields personalInfo, summary, "
          "workExperience, education, personalProjects and additional.\n\nRESUME:\n" +
              markdown};
}

ChatPrompt extract_keywords(const std::string& job_description) {
  return {"You read job postings. Reply with JSON only.",
          "Read the job posting below and list what it asks for as a JSON object with "
          "required_skills, preferred_skills, experience_requirements, education_requirements, "
          "key_responsibilities and keywords.\n\nJOB POSTING:\n" +
              job_description};
}

ChatPrompt improve(const ImproveInput& input) {
  std::string ask;
  if (input.prompt_id == "nudge") {
    ask = "Make light edits to the resume below so that it fits the job posting a little better.";
  } else if (input.prompt_id == "full") {
    ask = "Rewrite the resume below so that it is fully tailored to the job posting.";
  } else {
    ask = "Weave the job posting's keywords into the resume below.";
  }
  const Json keywords = input.job_keywords.is_object() && input.job_keywords.contains("keywords")
                            ? input.job_keywords["keywords"]
                            : Json::array();
  return {"You edit resumes for specific jobs. Reply with JSON only.",
          ask + " " + kWholeResume + " Write in " + language_name(input.language) +
              ".\n\nKEYWORDS: " + joined(keywords) + "\n\nJOB POSTING:\n" + input.job_description +
              "\n\nRESUME (JSON):\n" + input.original_resume.dump(2),
          true, 8192};
}

ChatPrompt refine(const RefineInput& input) {
  return {
      "You edit resumes. Reply with JSON only.",
      "These job keywords are missing from the resume below: " + joined(input.missing_keywords) +
          ". Add them only where the resume's own experience supports them. " + kWholeResume +
          "\n\nJOB POSTING:\n" + input.job_description + "\n\nRESUME (JSON):\n" +
          input.resume.dump(2),
      true, 8192};
}

namespace {

// A plain-text message from the resume's person about the job: `what` names the
// message and whom it is for.
ChatPrompt message_prompt(const char* system, const std::string& what, const MessageInput& input,
                          int max_tokens) {
  return {system,
          "Write " + what + " in " + language_name(input.language) +
              ", from the person whose resume follows. Plain text only.\n\nJOB POSTING:\n" +
              input.job_description + "\n\nRESUME (JSON):\n" + input.resume.dump(2),
          false, max_tokens};
}

}  // namespace

ChatPrompt cover_letter(const MessageInput& input) {
  return message_prompt("You write job application letters.",
                        "a cover letter for the job posting below", input, 2048);
}

ChatPrompt outreach(const MessageInput& input) {
  return message_prompt("You write short networking messages.",
                        "a short cold outreach message to someone at the company of the job "
                        "posting below",
                        input, 1024);
}

ChatPrompt health() { return {"", "ping", false, 8}; }

}  // namespace rm::plain_prompts
