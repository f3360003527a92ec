#pragma once
// Reading the JSON vector files the domain tests are driven by.
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "reference/ports/document.hpp"

namespace rm::test {

inline Json read_json_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return Json::parse(buffer.str());
}

inline std::string shared_spec_file(const std::string& name) {
  return std::string(RM_SHARED_SPEC_DIR) + "/" + name;
}

inline std::string fixture_file(const std::string& name) {
  return std::string(RM_DOMAIN_FIXTURES_DIR) + "/" + name;
}

}  // namespace rm::test
