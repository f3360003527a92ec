#include "scenarios/support/api_steps.hpp"

#include <stdexcept>

namespace rm::test {
namespace {

using nlohmann::json;

[[noreturn]] void step_failed(const std::string& step, const HttpResponse& response) {
  std::string body =
      response.body.size() > 800 ? response.body.substr(0, 800) + "..." : response.body;
  throw std::runtime_error(
      step + " answered " + std::to_string(response.status) +
      (response.transport_error.empty() ? "" : " (" + response.transport_error + ")") + ": " +
      body);
}

json ok_json(const std::string& step, const HttpResponse& response) {
  if (response.status != 200) step_failed(step, response);
  auto body = response.json();
  if (body.is_discarded()) step_failed(step + " (body is not JSON)", response);
  return body;
}

std::string string_at(const std::string& step, const json& body, const json::json_pointer& at) {
  if (!body.contains(at) || !body.at(at).is_string()) {
    throw std::runtime_error(step + ": no string at " + at.to_string() + " in " + body.dump());
  }
  return body.at(at).get<std::string>();
}

}  // namespace

std::string sample_resume_text(const std::string& name) {
  return name +
         "\nada@example.com | +44 20 7946 0000 | London, UK\n"
         "Software Engineer\n\n"
         "Summary\nEngineer who writes analytical engines and compilers.\n\n"
         "Experience\nSenior Engineer, Analytical Engines Ltd, London, 2019 - Present\n"
         "- Built a C++ numerical library used by 40 teams\n"
         "- Led migration of Python services to Kubernetes\n\n"
         "Education\nBSc Mathematics, University of London, 2012 - 2015\n\n"
         "Skills: Python, C++, SQL, Docker\n";
}

std::string sample_job_text() {
  return "Senior Backend Engineer at Example Corp.\n"
         "We need strong Python and C++ skills, experience with Kubernetes, PostgreSQL and\n"
         "distributed systems. You will design APIs, mentor engineers and own services.\n";
}

json upload_resume_body(HttpClient& client, const std::string& text, const std::string& filename) {
  const auto response = client.post_multipart(std::string(kApi) + "/resumes/upload", "file",
                                              filename, "application/pdf", text);
  return ok_json("POST /resumes/upload", response);
}

std::string upload_resume(HttpClient& client, const std::string& text,
                          const std::string& filename) {
  return string_at("POST /resumes/upload", upload_resume_body(client, text, filename),
                   json::json_pointer("/resume_id"));
}

std::string upload_job(HttpClient& client, const std::string& description,
                       const std::optional<std::string>& resume_id) {
  json request = {{"job_descriptions", json::array({description})}};
  if (resume_id) request["resume_id"] = *resume_id;
  const auto body =
      ok_json("POST /jobs/upload", client.post_json(std::string(kApi) + "/jobs/upload", request));
  if (!body.contains("job_id") || !body["job_id"].is_array() || body["job_id"].size() != 1 ||
      !body["job_id"][0].is_string()) {
    throw std::runtime_error("POST /jobs/upload: job_id is not a one-string list: " + body.dump());
  }
  return body["job_id"][0].get<std::string>();
}

json preview(HttpClient& client, const std::string& resume_id, const std::string& job_id,
             const std::optional<std::string>& prompt_id) {
  json request = {{"resume_id", resume_id}, {"job_id", job_id}};
  if (prompt_id) request["prompt_id"] = *prompt_id;
  return ok_json("POST /resumes/improve/preview",
                 client.post_json(std::string(kApi) + "/resumes/improve/preview", request));
}

json confirm_body_for(const json& preview_body, const std::string& resume_id,
                      const std::optional<std::string>& prompt_id) {
  const auto& data = preview_body.at("data");
  json request = {{"resume_id", resume_id},
                  {"job_id", data.at("job_id")},
                  {"improved_data", data.at("resume_preview")},
                  {"improvements", data.at("improvements")}};
  if (prompt_id) request["prompt_id"] = *prompt_id;
  return request;
}

json confirm(HttpClient& client, const json& preview_body, const std::string& resume_id,
             const std::optional<std::string>& prompt_id) {
  return ok_json("POST /resumes/improve/confirm",
                 client.post_json(std::string(kApi) + "/resumes/improve/confirm",
                                  confirm_body_for(preview_body, resume_id, prompt_id)));
}

std::string tailor(HttpClient& client, const std::string& resume_id, const std::string& job_id) {
  const auto body = confirm(client, preview(client, resume_id, job_id), resume_id);
  return string_at("POST /resumes/improve/confirm", body, json::json_pointer("/data/resume_id"));
}

json get_resume(HttpClient& client, const std::string& resume_id) {
  return ok_json("GET /resumes?resume_id=",
                 client.get(std::string(kApi) + "/resumes?resume_id=" + url_encode(resume_id)));
}

json database_stats(HttpClient& client) {
  const auto body = ok_json("GET /status", client.get(std::string(kApi) + "/status"));
  if (!body.contains("database_stats") || !body["database_stats"].is_object()) {
    throw std::runtime_error("GET /status: no database_stats object: " + body.dump());
  }
  return body["database_stats"];
}

}  // namespace rm::test
