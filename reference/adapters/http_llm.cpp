#include "reference/adapters/http_llm.hpp"

#include <curl/curl.h>

#include <cctype>
#include <memory>
#include <mutex>
#include <utility>

namespace rm {
namespace {

void global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Exchange {
  long status = 0;
  std::string body;
  std::string retry_after;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<Exchange*>(user)->body.append(data, size * count);
  return size * count;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  const std::string line(data, size * count);
  const std::size_t colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name == "retry-after") {
      std::string value = line.substr(colon + 1);
      const auto first = value.find_first_not_of(" \t");
      const auto last = value.find_last_not_of(" \t\r\n");
      static_cast<Exchange*>(user)->retry_after =
          first == std::string::npos ? "" : value.substr(first, last - first + 1);
    }
  }
  return size * count;
}

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

std::string trim_base(std::string base) {
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

// Performs one request; throws LlmError for transport failures and timeouts.
Exchange perform(const HttpLlmOptions& options, const std::string& url,
                 const std::vector<std::string>& headers, const std::string* body) {
  global_init_once();
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) throw LlmError(LlmErrorKind::kFailed, "libcurl could not create a handle");
  std::unique_ptr<curl_slist, SlistDeleter> list;
  for (const std::string& header : headers) {
    curl_slist* grown = curl_slist_append(list.get(), header.c_str());
    if (!grown) throw LlmError(LlmErrorKind::kFailed, "libcurl could not build headers");
    (void)list.release();
    list.reset(grown);
  }
  Exchange exchange;
  CURL* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options.connect_timeout.count()));
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(options.total_timeout.count()));
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, list.get());
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &exchange);
  curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(handle, CURLOPT_HEADERDATA, &exchange);
  if (body) {
    curl_easy_setopt(handle, CURLOPT_POSTFIELDS, body->data());
    curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
  } else {
    curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L);
  }
  const CURLcode code = curl_easy_perform(handle);
  if (code == CURLE_OPERATION_TIMEDOUT) {
    throw LlmError(LlmErrorKind::kTimeout, "the language model did not answer in time: " +
                                               std::string(curl_easy_strerror(code)));
  }
  if (code != CURLE_OK) {
    throw LlmError(LlmErrorKind::kTransport,
                   "cannot reach the language model at " + url + ": " + curl_easy_strerror(code));
  }
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &exchange.status);
  return exchange;
}

// The provider's error text from an error envelope ({"error":{"message":...}}), if any.
std::string error_text(const std::string& body) {
  const Json json = Json::parse(body, nullptr, false);
  if (json.is_object() && json.contains("error")) {
    const Json& error = json["error"];
    if (error.is_object() && error.contains("message") && error["message"].is_string()) {
      return error["message"].get<std::string>();
    }
    if (error.is_string()) return error.get<std::string>();
  }
  return body.substr(0, 200);
}

void throw_for_status(const Exchange& exchange) {
  if (exchange.status == 429) {
    const std::string retry = exchange.retry_after.empty() ? "1" : exchange.retry_after;
    throw LlmError(LlmErrorKind::kRateLimited,
                   "the language model is rate limited (429): " + error_text(exchange.body) +
                       " retry_after=" + retry);
  }
  if (exchange.status >= 500 && exchange.status <= 599) {
    throw LlmError(LlmErrorKind::kServerError, "the language model failed with " +
                                                   std::to_string(exchange.status) + ": " +
                                                   error_text(exchange.body));
  }
  if (exchange.status != 200) {
    throw LlmError(LlmErrorKind::kBadResponse, "the language model answered " +
                                                   std::to_string(exchange.status) + ": " +
                                                   error_text(exchange.body));
  }
}

std::vector<std::string> string_list(const Json& json) {
  std::vector<std::string> out;
  if (!json.is_array()) return out;
  for (const Json& item : json) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

std::string string_field(const Json& json, const char* name, std::string fallback = {}) {
  if (json.is_object() && json.contains(name) && json[name].is_string()) {
    return json[name].get<std::string>();
  }
  return fallback;
}

Json json_field(const Json& json, const char* name) {
  return json.is_object() && json.contains(name) ? json[name] : Json(nullptr);
}

}  // namespace

Json improve_input_to_json(const ImproveInput& input) {
  return Json{{"prompt_id", input.prompt_id},
              {"original_resume", input.original_resume},
              {"job_description", input.job_description},
              {"job_keywords", input.job_keywords},
              {"language", input.language}};
}

Json refine_input_to_json(const RefineInput& input) {
  return Json{{"resume", input.resume},
              {"missing_keywords", input.missing_keywords},
              {"job_description", input.job_description}};
}

Json message_input_to_json(const MessageInput& input) {
  return Json{{"resume", input.resume},
              {"job_description", input.job_description},
              {"language", input.language}};
}

ImproveInput improve_input_from_json(const Json& json) {
  ImproveInput input;
  input.prompt_id = string_field(json, "prompt_id");
  input.original_resume = json_field(json, "original_resume");
  input.job_description = string_field(json, "job_description");
  input.job_keywords = json_field(json, "job_keywords");
  input.language = string_field(json, "language", "en");
  return input;
}

RefineInput refine_input_from_json(const Json& json) {
  RefineInput input;
  input.resume = json_field(json, "resume");
  input.missing_keywords = string_list(json_field(json, "missing_keywords"));
  input.job_description = string_field(json, "job_description");
  return input;
}

MessageInput message_input_from_json(const Json& json) {
  MessageInput input;
  input.resume = json_field(json, "resume");
  input.job_description = string_field(json, "job_description");
  input.language = string_field(json, "language", "en");
  return input;
}

HttpLlm::HttpLlm(HttpLlmOptions options) : options_(std::move(options)) {
  options_.base_url = trim_base(options_.base_url);
}

std::string HttpLlm::chat(const Json& request, std::vector<std::string> headers) {
  const std::string body = request.dump();
  headers.insert(headers.end(),
                 {"Content-Type: application/json", "Accept: application/json", "Expect:"});
  if (!options_.api_key.empty()) headers.push_back("Authorization: Bearer " + options_.api_key);
  const Exchange exchange =
      perform(options_, options_.base_url + "/chat/completions", headers, &body);
  throw_for_status(exchange);
  const Json envelope = Json::parse(exchange.body, nullptr, false);
  if (!envelope.is_object() || !envelope.contains("choices") || !envelope["choices"].is_array() ||
      envelope["choices"].empty()) {
    throw LlmError(LlmErrorKind::kBadResponse,
                   "the language model's response is not a chat completion");
  }
  const Json& choice = envelope["choices"][0];
  if (!choice.is_object() || !choice.contains("message") || !choice["message"].is_object() ||
      !choice["message"].contains("content") || !choice["message"]["content"].is_string()) {
    throw LlmError(LlmErrorKind::kBadResponse,
                   "the language model's response has no choices[0].message.content");
  }
  return choice["message"]["content"].get<std::string>();
}

std::string HttpLlm::complete(const char* operation, const std::string& system, const Json& input) {
  const Json request{
      {"model", options_.model},
      {"temperature", 0},
      {"messages", Json::array({Json{{"role", "system"}, {"content", system}},
                                Json{{"role", "user"}, {"content", input.dump()}}})}};
  return chat(request, {std::string("X-Operation: ") + operation});
}

std::string HttpLlm::complete(const ChatPrompt& prompt) {
  Json messages = Json::array();
  if (!prompt.system.empty())
    messages.push_back(Json{{"role", "system"}, {"content", prompt.system}});
  messages.push_back(Json{{"role", "user"}, {"content", prompt.user}});
  Json request{{"model", options_.model},
               {"messages", messages},
               {"temperature", prompt.json_answer ? 0.1 : 0.7},
               {"max_tokens", prompt.max_tokens}};
  if (prompt.json_answer) request["response_format"] = Json{{"type", "json_object"}};
  return chat(request, {});
}

std::string HttpLlm::parse_resume(const std::string& markdown) {
  if (options_.plain_prompts) return complete(plain_prompts::parse_resume(markdown));
  return complete(llm_op::kParseResume,
                  "Parse the resume in the user's JSON field \"markdown\" into ResumeData JSON. "
                  "Answer with the JSON object only.",
                  Json{{"markdown", markdown}});
}

std::string HttpLlm::extract_keywords(const std::string& job_description) {
  if (options_.plain_prompts) return complete(plain_prompts::extract_keywords(job_description));
  return complete(llm_op::kExtractKeywords,
                  "Extract required_skills, preferred_skills and keywords from the job "
                  "description in the user's JSON field \"job_description\". Answer with the "
                  "JSON object only.",
                  Json{{"job_description", job_description}});
}

std::string HttpLlm::improve(const ImproveInput& input) {
  if (options_.plain_prompts) return complete(plain_prompts::improve(input));
  return complete(llm_op::kImprove,
                  "Tailor the ResumeData in \"original_resume\" to the job (prompt \"" +
                      input.prompt_id +
                      "\"), keeping personal information unchanged. Answer with the ResumeData "
                      "JSON object only.",
                  improve_input_to_json(input));
}

std::string HttpLlm::refine(const RefineInput& input) {
  if (options_.plain_prompts) return complete(plain_prompts::refine(input));
  return complete(llm_op::kRefine,
                  "Work the \"missing_keywords\" into the ResumeData in \"resume\" where they "
                  "are truthful. Answer with the ResumeData JSON object only.",
                  refine_input_to_json(input));
}

std::string HttpLlm::cover_letter(const MessageInput& input) {
  if (options_.plain_prompts) return complete(plain_prompts::cover_letter(input));
  return complete(llm_op::kCoverLetter,
                  "Write a short cover letter for the resume and job given, in language \"" +
                      input.language + "\". Answer with plain text.",
                  message_input_to_json(input));
}

std::string HttpLlm::outreach(const MessageInput& input) {
  if (options_.plain_prompts) return complete(plain_prompts::outreach(input));
  return complete(llm_op::kOutreach,
                  "Write a short outreach message for the resume and job given, in language \"" +
                      input.language + "\". Answer with plain text.",
                  message_input_to_json(input));
}

LlmHealth HttpLlm::health() {
  LlmHealth health{false, kProvider, options_.model, ""};
  if (options_.plain_prompts) {
    try {
      complete(plain_prompts::health());
      health.healthy = true;
    } catch (const LlmError& error) {
      health.error = error.what();
    }
    return health;
  }
  try {
    std::vector<std::string> headers{"Accept: application/json"};
    if (!options_.api_key.empty()) headers.push_back("Authorization: Bearer " + options_.api_key);
    const Exchange exchange = perform(options_, options_.base_url + "/models", headers, nullptr);
    throw_for_status(exchange);
    const Json json = Json::parse(exchange.body, nullptr, false);
    if (!json.is_object() || !json.contains("data") || !json["data"].is_array()) {
      health.error = "GET /models did not answer a model list";
      return health;
    }
    health.healthy = true;
  } catch (const LlmError& error) {
    health.error = error.what();
  }
  return health;
}

}  // namespace rm
