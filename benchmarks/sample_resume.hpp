#pragma once
// A ResumeData of typical size (about 2 KB as JSON) for the micro-benchmarks.
#include "reference/ports/document.hpp"

namespace rm::bench {

inline Json sample_resume_data(int variant = 0) {
  Json work = Json::array();
  for (int i = 0; i < 4; ++i) {
    work.push_back({{"id", i},
                    {"title", "Senior Engineer " + std::to_string(variant)},
                    {"company", "Company " + std::to_string(i)},
                    {"location", "London"},
                    {"years", "2019 - 2024"},
                    {"description",
                     {"Built a low-latency order router in C++ handling 40k msg/s",
                      "Led a team of 4 engineers across two time zones",
                      "Cut p99 latency by 35% through lock-free queues"}}});
  }
  return Json{
      {"personalInfo",
       {{"name", "Ada Lovelace"},
        {"title", "Software Engineer"},
        {"email", "ada@example.com"},
        {"phone", "+44 20 7946 0000"},
        {"location", "London"},
        {"website", nullptr},
        {"linkedin", nullptr},
        {"github", nullptr}}},
      {"summary", "Engineer with ten years of systems programming experience."},
      {"workExperience", work},
      {"education", Json::array({{{"id", 0},
                                  {"institution", "University of London"},
                                  {"degree", "BSc Mathematics"},
                                  {"years", "2010 - 2013"},
                                  {"description", nullptr}}})},
      {"personalProjects", Json::array()},
      {"additional",
       {{"technicalSkills", {"C++", "Python", "SQL", "Kubernetes", "PostgreSQL"}},
        {"languages", {"English", "French"}},
        {"certificationsTraining", Json::array()},
        {"awards", Json::array()}}},
  };
}

}  // namespace rm::bench
