#include "scenarios/bad_input/bad_request.hpp"

#include <algorithm>

#include "scenarios/support/api_steps.hpp"
#include "scenarios/support/json_checks.hpp"

namespace rm::test {
namespace {

using nlohmann::json;

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string with_ids(std::string path, const Seed& seed) {
  path = replace_all(std::move(path), "{resume}", seed.resume);
  path = replace_all(std::move(path), "{tailored}", seed.tailored);
  return replace_all(std::move(path), "{job}", seed.job);
}

// Drops the per-response request ids, which differ on every call.
json without_request_ids(json value) {
  if (value.is_object()) {
    value.erase("request_id");
    for (auto& [key, item] : value.items()) item = without_request_ids(item);
  } else if (value.is_array()) {
    for (auto& item : value) item = without_request_ids(item);
  }
  return value;
}

}  // namespace

BadRequest json_text(std::string name, std::string method, std::string path, std::string body,
                     std::vector<int> statuses) {
  return BadRequest{std::move(name),
                    std::move(method),
                    std::move(path),
                    "application/json",
                    [body = std::move(body)](const Seed&) { return body; },
                    std::move(statuses),
                    true};
}

BadRequest json_from(std::string name, std::string method, std::string path,
                     std::function<json(const Seed&)> body, std::vector<int> statuses) {
  return BadRequest{std::move(name),
                    std::move(method),
                    std::move(path),
                    "application/json",
                    [body = std::move(body)](const Seed& seed) { return body(seed).dump(); },
                    std::move(statuses),
                    true};
}

BadRequest bare(std::string name, std::string method, std::string path, std::vector<int> statuses) {
  return BadRequest{
      std::move(name), std::move(method), std::move(path), "", nullptr, std::move(statuses), true};
}

std::string multipart(const std::vector<FormPart>& parts) {
  std::string body;
  for (const auto& part : parts) {
    body += std::string("--") + kBoundary + "\r\n";
    body += "Content-Disposition: form-data; name=\"" + part.name + "\"";
    if (!part.filename.empty()) body += "; filename=\"" + part.filename + "\"";
    body += "\r\n";
    if (!part.content_type.empty()) body += "Content-Type: " + part.content_type + "\r\n";
    body += "\r\n" + part.data + "\r\n";
  }
  body += std::string("--") + kBoundary + "--\r\n";
  return body;
}

void PrintTo(const BadRequest& request, std::ostream* out) {
  *out << request.method << " " << request.path;
  if (!request.content_type.empty()) *out << " (" << request.content_type << ")";
}

std::string case_name(const ::testing::TestParamInfo<BadRequest>& info) { return info.param.name; }

void BadInputTest::SetUpTestSuite() {
  ReferenceServerTest::SetUpTestSuite();
  seed_error_.clear();
  if (!server_) return;
  try {
    HttpClient client(server_->base_url());
    seed_.resume = upload_resume(client, sample_resume_text("Ada Lovelace"));
    seed_.job = upload_job(client);
    seed_.tailored = tailor(client, seed_.resume, seed_.job);
    const auto letter = client.patch_json("/api/v1/resumes/" + seed_.resume + "/cover-letter",
                                          {{"content", "Dear team."}});
    if (letter.status != 200) throw std::runtime_error("cover letter: " + letter.body);
    seed_.confirm = confirm_body_for(preview(client, seed_.resume, seed_.job), seed_.resume);
  } catch (const std::exception& error) {
    seed_error_ = error.what();
  }
}

json BadInputTest::snapshot() {
  json state;
  const auto get = [this](const std::string& path) {
    const auto response = client().get(path);
    return json{{"status", response.status}, {"body", without_request_ids(response.json())}};
  };
  state["stats"] = get(api("/status"))["body"]["database_stats"];
  state["list"] = get(api("/resumes/list?include_master=true"));
  state["resume"] = get(api("/resumes?resume_id=" + url_encode(seed_.resume)));
  state["tailored"] = get(api("/resumes?resume_id=" + url_encode(seed_.tailored)));
  state["job"] = get(api("/jobs/" + seed_.job));
  state["features"] = get(api("/config/features"));
  state["language"] = get(api("/config/language"));
  state["prompts"] = get(api("/config/prompts"));
  return state;
}

void BadInputTest::check(const BadRequest& request) {
  ASSERT_TRUE(seed_error_.empty()) << "could not seed the server: " << seed_error_;
  const std::string path = with_ids(request.path, seed_);
  SCOPED_TRACE(request.method + " " + path);
  const json before = request.stores_nothing ? snapshot() : json();

  HttpClient::Headers headers;
  if (!request.content_type.empty()) headers.emplace_back("Content-Type", request.content_type);
  const std::string body = request.body ? request.body(seed_) : std::string();
  const auto response = client().request(request.method, path, headers, body);

  EXPECT_LT(response.status, 500) << "5xx for bad client input: " << response.body;
  const bool expected = std::find(request.statuses.begin(), request.statuses.end(),
                                  response.status) != request.statuses.end();
  if (expected) {
    EXPECT_TRUE(is_error(response, response.status));
  } else {
    std::string wanted;
    for (int status : request.statuses)
      wanted += (wanted.empty() ? "" : " or ") + std::to_string(status);
    ADD_FAILURE() << "expected " << wanted << ", got " << response.status
                  << (response.transport_error.empty() ? "" : " (" + response.transport_error + ")")
                  << "; body: " << response.body.substr(0, 600);
  }

  // The server is still up, on the same port, and answers.
  EXPECT_TRUE(server().alive()) << "reference-server exited; output:\n" << server().output();
  const auto health = client().get(api("/health"));
  EXPECT_EQ(health.status, 200) << "GET /health after the bad request: " << health.transport_error
                                << health.body;

  if (request.stores_nothing) {
    const json after = snapshot();
    if (after != before) {
      // The JSON patch from before to after names exactly what changed.
      std::string patch = json::diff(before, after).dump();
      if (patch.size() > 1500) patch = patch.substr(0, 1500) + "...";
      ADD_FAILURE() << "a rejected request changed the stored state: " << patch;
    }
  }
}

}  // namespace rm::test
