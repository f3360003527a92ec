#pragma once
// The recorded chat-completions requests of the Python backend
// (../shared/fixtures/llm-traffic/<commit>/NN-*.json), read at run time so that
// no prompt text is copied into the project. RM_LLM_TRAFFIC_DIR is set by
// scenarios/llm_server/CMakeLists.txt from the source directory.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace rm::test {

struct TrafficFile {
  std::string name;  // "fb6e749b/07-refine.json"
  nlohmann::json record;

  const nlohmann::json& request() const { return record["request"]; }
  std::string operation() const { return record["operation"].get<std::string>(); }
  std::string variant() const { return record.value("variant", std::string()); }
  // The last user message of the request.
  std::string user_text() const {
    std::string text;
    for (const auto& message : request()["messages"]) {
      if (message["role"] == "user") text = message["content"].get<std::string>();
    }
    return text;
  }
};

inline std::filesystem::path llm_traffic_dir() { return RM_LLM_TRAFFIC_DIR; }

// Every file of both capture folders, sorted by name; a missing corpus fails the test.
inline std::vector<TrafficFile> llm_traffic() {
  std::vector<TrafficFile> files;
  for (const char* folder : {"fb6e749b", "7da5e20d"}) {
    const auto dir = llm_traffic_dir() / folder;
    if (!std::filesystem::is_directory(dir)) {
      ADD_FAILURE() << "LLM traffic corpus not found at " << dir;
      continue;
    }
    std::vector<std::filesystem::path> paths;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (entry.path().extension() == ".json") paths.push_back(entry.path());
    }
    std::sort(paths.begin(), paths.end());
    for (const auto& path : paths) {
      std::ifstream in(path);
      std::stringstream text;
      text << in.rdbuf();
      files.push_back(TrafficFile{std::string(folder) + "/" + path.filename().string(),
                                  nlohmann::json::parse(text.str(), nullptr, false)});
      EXPECT_TRUE(files.back().record.is_object()) << path;
    }
  }
  return files;
}

// One file by its name in the first folder, e.g. "07-refine.json".
inline TrafficFile llm_traffic_file(const std::string& name) {
  for (TrafficFile& file : llm_traffic()) {
    if (file.name == "fb6e749b/" + name) return file;
  }
  ADD_FAILURE() << "no traffic file " << name;
  return {};
}

}  // namespace rm::test
