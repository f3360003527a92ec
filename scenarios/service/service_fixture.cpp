#include "scenarios/service/service_fixture.hpp"

#include <algorithm>
#include <cctype>

namespace rm::service_test {

using ::testing::_;
using ::testing::Invoke;
using ::testing::Return;

Json master_data() {
  return Json::parse(R"({
    "personalInfo": {"name": "Ada Lovelace", "title": "Software Engineer",
                     "email": "ada@example.com", "phone": "+44 20 7946 0000",
                     "location": "London", "website": "https://ada.example.com",
                     "linkedin": null, "github": "github.com/ada"},
    "summary": "Engineer who builds Python services.",
    "workExperience": [{"id": 1, "title": "Engineer", "company": "Analytical Engines",
                        "location": "London", "years": "2019 - 2024",
                        "description": ["Built Python services", "Ran Kubernetes clusters"]}],
    "education": [{"id": 1, "institution": "University of London", "degree": "BSc Mathematics",
                   "years": "2015 - 2019", "description": null}],
    "personalProjects": [],
    "additional": {"technicalSkills": ["Python", "Kubernetes"], "languages": ["English"],
                   "certificationsTraining": [], "awards": []}
  })");
}

Json improved_answer() {
  Json data = master_data();
  data["personalInfo"] = {{"name", "A. Lovelace"},         {"title", "Staff Engineer"},
                          {"email", "invented@fake.test"}, {"phone", "+1 555 0199"},
                          {"location", "Remote"},          {"website", "https://fake.test"}};
  data["summary"] = "Python engineer focused on backend services.";
  data["workExperience"][0]["description"] = {"Built Python services for payments"};
  data["additional"]["technicalSkills"] = {"Python"};
  return data;
}

Json job_keywords() {
  return Json{{"required_skills", {"Python", "Kubernetes"}},
              {"preferred_skills", {"Go"}},
              {"keywords", {"Python"}}};
}

bool mentions(const std::string& text, const std::string& needle) {
  const auto lower = [](std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
  };
  return lower(text).find(lower(needle)) != std::string::npos;
}

bool has_warning(const Json& response, std::initializer_list<const char*> needles) {
  const Json& warnings = response.at("data").at("warnings");
  return std::any_of(warnings.begin(), warnings.end(), [&](const Json& warning) {
    return std::all_of(needles.begin(), needles.end(), [&](const char* needle) {
      return mentions(warning.get<std::string>(), needle);
    });
  });
}

ServiceFixture::ServiceFixture() {
  MemoryStore* m = memory.get();
  ON_CALL(*store, create_resume(_, _)).WillByDefault(Invoke(m, &MemoryStore::create_resume));
  ON_CALL(*store, get_resume(_)).WillByDefault(Invoke(m, &MemoryStore::get_resume));
  ON_CALL(*store, list_resumes()).WillByDefault(Invoke(m, &MemoryStore::list_resumes));
  ON_CALL(*store, update_resume(_, _)).WillByDefault(Invoke(m, &MemoryStore::update_resume));
  ON_CALL(*store, delete_resume(_)).WillByDefault(Invoke(m, &MemoryStore::delete_resume));
  ON_CALL(*store, get_master_resume()).WillByDefault(Invoke(m, &MemoryStore::get_master_resume));
  ON_CALL(*store, set_master(_)).WillByDefault(Invoke(m, &MemoryStore::set_master));
  ON_CALL(*store, create_job(_)).WillByDefault(Invoke(m, &MemoryStore::create_job));
  ON_CALL(*store, get_job(_)).WillByDefault(Invoke(m, &MemoryStore::get_job));
  ON_CALL(*store, update_job(_, _)).WillByDefault(Invoke(m, &MemoryStore::update_job));
  ON_CALL(*store, set_preview_hash(_, _, _))
      .WillByDefault(Invoke(m, &MemoryStore::set_preview_hash));
  ON_CALL(*store, create_improvement(_)).WillByDefault(Invoke(m, &MemoryStore::create_improvement));
  ON_CALL(*store, get_improvement_by_tailored_resume(_))
      .WillByDefault(Invoke(m, &MemoryStore::get_improvement_by_tailored_resume));
  ON_CALL(*store, stats()).WillByDefault(Invoke(m, &MemoryStore::stats));
  ON_CALL(*store, export_tables()).WillByDefault(Invoke(m, &MemoryStore::export_tables));
  ON_CALL(*store, clear()).WillByDefault(Invoke(m, &MemoryStore::clear));

  ON_CALL(*llm, parse_resume(_)).WillByDefault(Return(master_data().dump()));
  ON_CALL(*llm, extract_keywords(_)).WillByDefault(Return(job_keywords().dump()));
  ON_CALL(*llm, improve(_)).WillByDefault(Return("```json\n" + improved_answer().dump() + "\n```"));
  // Keyword injection: the resume it was given, now mentioning Kubernetes.
  ON_CALL(*llm, refine(_)).WillByDefault(Invoke([](const RefineInput& input) {
    Json data = input.resume;
    data["workExperience"][0]["description"].push_back("Operated Kubernetes clusters");
    return data.dump();
  }));
  ON_CALL(*llm, cover_letter(_)).WillByDefault(Return("  Dear hiring manager, ...  "));
  ON_CALL(*llm, outreach(_)).WillByDefault(Return("Hi, I saw the opening ..."));
  ON_CALL(*llm, health()).WillByDefault(Return(LlmHealth{true, "openai", "gpt-test", ""}));

  ON_CALL(*converter, to_markdown(_, _, _)).WillByDefault(Return("# Ada Lovelace\nEngineer"));

  ON_CALL(*settings, load()).WillByDefault(Invoke([this] { return settings_json; }));
  ON_CALL(*settings, save(_)).WillByDefault(Invoke([this](const Json& s) { settings_json = s; }));
}

ResumeService& ServiceFixture::make_service(std::optional<Issue> defect) {
  service_ = std::make_unique<ResumeService>(ServicePorts{store, llm, converter, settings},
                                             DefectSwitch(defect));
  return *service_;
}

std::string ServiceFixture::seed_master() {
  NewResume resume;
  resume.content = "# Ada Lovelace\nSoftware Engineer";
  resume.content_type = "md";
  resume.filename = "ada.pdf";
  resume.processed_data = master_data();
  resume.processing_status = "ready";
  return memory->create_resume(resume, MasterPolicy::kMaster)["resume_id"];
}

std::string ServiceFixture::seed_unparsed_resume() {
  NewResume resume;
  resume.content = "# Ada Lovelace\nSoftware Engineer";
  resume.content_type = "md";
  resume.filename = "ada.pdf";
  resume.processing_status = "failed";
  return memory->create_resume(resume, MasterPolicy::kNotMaster)["resume_id"];
}

std::string ServiceFixture::seed_job(const std::string& content) {
  NewJob job;
  job.content = content;
  return memory->create_job(job)["job_id"];
}

std::string ServiceFixture::seed_tailored(const std::string& parent_id, const std::string& job_id,
                                          bool with_improvement) {
  NewResume resume;
  resume.content = improved_answer().dump(2);
  resume.content_type = "json";
  resume.filename = "tailored_ada.pdf";
  resume.parent_id = parent_id;
  resume.processed_data = improved_answer();
  resume.processing_status = "ready";
  const std::string id = memory->create_resume(resume, MasterPolicy::kNotMaster)["resume_id"];
  if (with_improvement) memory->create_improvement(NewImprovement{parent_id, id, job_id});
  return id;
}

Document ServiceFixture::stored(const std::string& resume_id) const {
  auto resume = memory->get_resume(resume_id);
  EXPECT_TRUE(resume.has_value()) << "resume " << resume_id << " is not stored";
  return resume.value_or(Json::object());
}

void ServiceFixture::enable_features(bool cover_letter, bool outreach) {
  settings_json["enable_cover_letter"] = cover_letter;
  settings_json["enable_outreach_message"] = outreach;
}

}  // namespace rm::service_test
