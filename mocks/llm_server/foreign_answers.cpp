#include "mocks/llm_server/foreign_answers.hpp"

#include <algorithm>
#include <optional>
#include <regex>
#include <vector>

#include "mocks/llm/builtin_job_reader.hpp"
#include "mocks/llm/builtin_llm.hpp"
#include "mocks/llm/builtin_resume_parser.hpp"
#include "mocks/llm/builtin_text.hpp"
#include "mocks/llm_server/enrichment_answers.hpp"
#include "mocks/llm_server/json_fields.hpp"
#include "mocks/llm_server/prompt_reader.hpp"

namespace rm {
namespace {

using builtin::stable_dump;
using builtin::to_lower;

std::string arg(const std::map<std::string, std::string>& args, const char* name,
                const std::string& fallback) {
  const auto found = args.find(name);
  return found == args.end() || found->second.empty() ? fallback : found->second;
}

// The prompt without its instruction paragraph: the best guess at the input
// when no label names it.
std::string after_instruction(const std::string& prompt) {
  const auto start = prompt.find_first_not_of(" \t\r\n");
  if (start == std::string::npos) return "";
  const auto gap = prompt.find("\n\n", start);
  return gap == std::string::npos ? prompt : prompt.substr(gap + 2);
}

// The resume the prompt works on: its JSON, else its markdown parsed.
Json resume_of(const PromptReader& reader, const std::string& prompt) {
  if (auto json = reader.resume_json()) return *json;
  return builtin::parse_resume_markdown(
      reader.resume_markdown().value_or(after_instruction(prompt)));
}

std::string job_of(const PromptReader& reader) { return reader.job_text().value_or(""); }

std::optional<int> experience_years(const std::string& job) {
  static const std::regex years(R"((\d{1,2})\s*\+?\s*(years|yrs)\b)",
                                std::regex::ECMAScript | std::regex::icase);
  for (const std::string& line : builtin::split_lines(job)) {
    std::smatch match;
    if (line.size() < 400 && std::regex_search(line, match, years)) return std::stoi(match[1]);
  }
  return std::nullopt;
}

std::string seniority(const std::string& title) {
  const auto words = builtin::split_any(to_lower(title), " ,/()-");
  const auto has = [&](std::initializer_list<const char*> any) {
    for (const char* word : any) {
      if (std::find(words.begin(), words.end(), word) != words.end()) return true;
    }
    return false;
  };
  if (has({"intern", "internship"})) return "intern";
  if (has({"junior", "jr", "jr.", "entry"})) return "junior";
  if (has({"principal"})) return "principal";
  if (has({"staff"})) return "staff";
  if (has({"lead", "head"})) return "lead";
  if (has({"senior", "sr", "sr."})) return "senior";
  if (has({"director", "vp", "chief"})) return "executive";
  return "mid";
}

std::string extract_keywords(const PromptReader& reader, const std::string& prompt) {
  const std::string job = reader.job_text().value_or(after_instruction(prompt));
  Json answer = builtin::read_job_keywords(job);
  const auto years = experience_years(job);
  answer["experience_years"] = years ? Json(*years) : Json(nullptr);
  const auto title = reader.job_title();
  answer["seniority_level"] = seniority(title ? title->title : builtin::job_role(job));
  return stable_dump(answer);
}

std::string improve(const PromptReader& reader, const std::string& prompt,
                    const std::map<std::string, std::string>& args) {
  ImproveInput input;
  input.prompt_id = arg(args, "prompt_id", "keywords");
  input.language = arg(args, "language", "en");
  input.original_resume = resume_of(reader, prompt);
  input.job_description = job_of(reader);
  input.job_keywords =
      reader.job_keywords().value_or(builtin::read_job_keywords(input.job_description));
  BuiltinLlm builtin;
  Json improved = Json::parse(builtin.improve(input));
  // BuiltinLlm's "full" invents contact details for the reference's own API-006
  // scenario; a foreign target gets its person back unless a fault plan says otherwise.
  if (input.original_resume.contains("personalInfo")) {
    improved["personalInfo"] = input.original_resume["personalInfo"];
  }
  return stable_dump(improved);
}

std::string refine(const PromptReader& reader, const std::string& prompt) {
  RefineInput input;
  input.resume = reader.resume_json().value_or(resume_of(reader, prompt));
  input.job_description = job_of(reader);
  const auto master = reader.master_resume_json();
  std::vector<std::string> keywords = reader.keyword_list().value_or(std::vector<std::string>());
  if (keywords.empty()) {
    const Json read = builtin::read_job_keywords(input.job_description);
    for (const char* key : {"required_skills", "preferred_skills", "keywords"}) {
      for (const auto& keyword : json_fields::strings(read, key)) keywords.push_back(keyword);
    }
  }
  const std::string have = builtin::lowered_text_of(input.resume);
  const std::string supported = master ? builtin::lowered_text_of(*master) : "";
  for (const std::string& keyword : builtin::unique_ci(keywords)) {
    const std::string lowered = to_lower(keyword);
    if (have.find(lowered) != std::string::npos) continue;
    if (master && supported.find(lowered) == std::string::npos) continue;
    input.missing_keywords.push_back(keyword);
  }
  std::sort(input.missing_keywords.begin(), input.missing_keywords.end(),
            [](const std::string& a, const std::string& b) { return to_lower(a) < to_lower(b); });
  BuiltinLlm builtin;
  return builtin.refine(input);
}

// What a letter says about the job and the person.
struct Application {
  std::string name;
  JobTitle job;
  std::vector<std::string> skills;  // the person's skills the job names, at most three
  std::string recent;               // "Senior Backend Engineer at Northwind Logistics"
  std::string language;
};

Application application(const PromptReader& reader, const std::string& prompt,
                        const std::map<std::string, std::string>& args) {
  Application out;
  const Json resume = resume_of(reader, prompt);
  out.name = json_fields::text(resume.value("personalInfo", Json::object()), "name");
  const std::string job = job_of(reader);
  out.job = reader.job_title().value_or(JobTitle{builtin::job_role(job), ""});
  out.language = arg(args, "language", reader.language().value_or("en"));
  const std::string lowered_job = to_lower(job);
  for (const std::string& skill :
       json_fields::strings(resume.value("additional", Json::object()), "technicalSkills")) {
    if (out.skills.size() < 3 && lowered_job.find(to_lower(skill)) != std::string::npos) {
      out.skills.push_back(skill);
    }
  }
  if (resume.contains("workExperience") && resume["workExperience"].is_array() &&
      !resume["workExperience"].empty()) {
    const Json& first = resume["workExperience"][0];
    const std::string title = json_fields::text(first, "title"),
                      company = json_fields::text(first, "company");
    out.recent = company.empty() ? title : title + " at " + company;
  }
  return out;
}

std::string the_role(const Application& a) {
  return "the " + a.job.title + " role" + (a.job.company.empty() ? "" : " at " + a.job.company);
}

std::string cover_letter(const Application& a) {
  std::string text = a.language == "en" && !a.job.company.empty()
                         ? "Dear " + a.job.company + " hiring team,"
                         : builtin::greeting(a.language, true);
  text += "\n\nI am applying for " + the_role(a) + ".";
  if (!a.recent.empty()) text += " I currently work as " + a.recent + ".";
  if (!a.skills.empty()) {
    text += " My work with " + builtin::join_human(a.skills) + " matches what your team needs.";
  }
  text += "\n\nI would be glad to discuss how I can contribute.\n\nBest regards,\n";
  text += a.name.empty() ? "The applicant" : a.name;
  return text + "\n";
}

std::string outreach(const Application& a) {
  std::string text = builtin::greeting(a.language, false) + " ";
  text += a.name.empty() ? "I" : "I'm " + a.name + " and I";
  text += " noticed " + the_role(a) + ".";
  if (!a.skills.empty()) text += " I work with " + builtin::join_human(a.skills) + " every day.";
  return text + " Worth a quick chat?\n";
}

std::string generic(const ChatRequest& request) {
  // The prompt's own output format is the most valid answer we can give it.
  if (auto example = PromptReader(request.prompt()).output_example()) return stable_dump(*example);
  if (request.wants_json()) {
    return Json{{"result", "ok"},
                {"note", "mock-llm did not recognise this prompt; name its operation with --rules"}}
        .dump();
  }
  return "OK. (mock-llm did not recognise this prompt.)";
}

}  // namespace

std::string foreign_answer(const std::string& operation,
                           const std::map<std::string, std::string>& args,
                           const ChatRequest& request) {
  const std::string prompt = request.prompt();
  const PromptReader reader(prompt);
  if (operation == "parse_resume") {
    if (auto markdown = reader.resume_markdown()) return BuiltinLlm().parse_resume(*markdown);
    if (auto json = reader.resume_json()) return stable_dump(*json);
    return BuiltinLlm().parse_resume(after_instruction(prompt));
  }
  if (operation == "extract_keywords") return extract_keywords(reader, prompt);
  if (operation == "improve") return improve(reader, prompt, args);
  if (operation == "refine") return refine(reader, prompt);
  if (operation == "cover_letter") return cover_letter(application(reader, prompt, args));
  if (operation == "outreach") return outreach(application(reader, prompt, args));
  if (operation.rfind("enrichment_", 0) == 0) {
    return stable_dump(enrichment_answer(operation, reader));
  }
  if (operation == "health") return "Hello! mock-llm is ready.";
  return generic(request);
}

}  // namespace rm
