#include "harness/command_target.hpp"

#include "harness/data_dir.hpp"
#include "harness/http_call.hpp"
#include "harness/url_target.hpp"

namespace rm::harness {
namespace {

constexpr std::chrono::seconds kStartupTimeout{60};

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

}  // namespace

std::string CommandTarget::expand(const std::string& command_template, int port,
                                  const std::string& llm_url, const std::string& data_dir) {
  std::string command = command_template;
  replace_all(command, "{port}", std::to_string(port));
  replace_all(command, "{llm_url}", llm_url);
  replace_all(command, "{data_dir}", data_dir);
  return command;
}

CommandTarget::CommandTarget(const TargetOptions& options)
    : HttpTarget(start_mock_llm(options, /*announce=*/false), options.request_timeout),
      template_(options.command),
      output_log_(options.output_log) {
  start();
}

CommandTarget::~CommandTarget() {
  server_.reset();  // before the data dir goes
}

std::string CommandTarget::describe() const { return "command " + base_url(); }

void CommandTarget::start() {
  const int port = free_port();
  const std::string command =
      expand(template_, port, mock_llm().v1_url(), data_dir_.path().string());
  try {
    server_ = std::make_unique<ChildProcess>(std::vector<std::string>{"/bin/sh", "-c", command},
                                             ChildOutput{"target", output_log_});
  } catch (const std::exception& error) {
    throw TargetUnavailable("cannot run --target-cmd: " + std::string(error.what()));
  }
  const std::string url = "http://127.0.0.1:" + std::to_string(port);
  ApiRequest health;
  health.method = "GET";
  health.path = "/api/v1/health";
  // Waiting for an external process to be ready: each failed attempt waits on the
  // child's exit (bounded), so a command that dies is noticed at once.
  const auto deadline = std::chrono::steady_clock::now() + kStartupTimeout;
  while (true) {
    try {
      if (http_call(url, health, std::chrono::seconds(5)).status > 0) break;
    } catch (const std::exception&) {
    }
    if (server_->wait_exit_for(std::chrono::milliseconds(100))) {
      throw TargetUnavailable("--target-cmd exited before serving " + url + ": " + command +
                              "\nits last output:\n" + server_->output());
    }
    if (std::chrono::steady_clock::now() > deadline) {
      server_.reset();
      throw TargetUnavailable("--target-cmd did not serve " + url + " within 60 s: " + command);
    }
  }
  attach(url);
}

void CommandTarget::reset(const std::optional<Json>& fixture_tables) {
  if (!fixture_tables && has_control()) {
    reset_sides();
    return;
  }
  // Without a control API to empty the store, a fresh data dir and a restart do.
  server_.reset();
  data_dir_ = ScratchDir();
  if (fixture_tables) write_fixture(data_dir_.path(), *fixture_tables);
  mock_llm().reset();
  start();
}

void CommandTarget::restart() {
  server_.reset();
  start();
}

}  // namespace rm::harness
