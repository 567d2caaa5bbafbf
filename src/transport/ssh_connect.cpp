#include "ssh_connect.h"

#include <poll.h>

#include <algorithm>
#include <thread>

#include <fmt/format.h>

#include "bpfcompat/core/cancellation.h"
#include "ssh_error.h"
#include "ssh_key_codec.h"

namespace bpfcompat::transport {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// How one attempt ended: connected, worth another try (guest booting, sshd restarting), or final.
struct Attempt {
  SessionHandle session;
  std::optional<Error> error;
  bool retry = false;
};

Attempt retry_later(std::string why) {
  return {nullptr, infrastructure_error(std::move(why)), true};
}
Attempt final_error(Error e) {
  return {nullptr, std::move(e), false};
}

std::string describe(const SshEndpoint& ep) {
  return fmt::format("{}@{}:{}", ep.user, ep.host, ep.port);
}

Result<SessionHandle> new_session(const SshEndpoint& ep, const char* host_key_type) {
  SessionHandle s(ssh_new());
  if (!s) return internal_error("ssh_new failed");
  unsigned int port = static_cast<unsigned int>(ep.port);
  bool no = false;
  // Our own pinning only: no ~/.ssh/config, no known_hosts files read or written.
  bool ok = ssh_options_set(s.get(), SSH_OPTIONS_PROCESS_CONFIG, &no) == SSH_OK &&
            ssh_options_set(s.get(), SSH_OPTIONS_HOST, ep.host.c_str()) == SSH_OK &&
            ssh_options_set(s.get(), SSH_OPTIONS_PORT, &port) == SSH_OK &&
            ssh_options_set(s.get(), SSH_OPTIONS_USER, ep.user.c_str()) == SSH_OK &&
            ssh_options_set(s.get(), SSH_OPTIONS_KNOWNHOSTS, "/dev/null") == SSH_OK &&
            ssh_options_set(s.get(), SSH_OPTIONS_GLOBAL_KNOWNHOSTS, "/dev/null") == SSH_OK &&
            ssh_options_set(s.get(), SSH_OPTIONS_HOSTKEYS, host_key_type) == SSH_OK;
  if (!ok)
    return internal_error(fmt::format("cannot set ssh options: {}", last_ssh_error(s.get())));
  return s;
}

// TCP connect, banner and key exchange without blocking past `until`, so cancellation is seen.
Result<void> handshake(ssh_session s, Clock::time_point until) {
  ssh_set_blocking(s, 0);
  while (true) {
    int rc = ssh_connect(s);
    if (rc == SSH_OK) break;
    if (rc == SSH_ERROR) return infrastructure_error(last_ssh_error(s));
    if (cancelled()) return cancelled_error("connecting to the guest");
    if (Clock::now() >= until) {
      return infrastructure_error("no ssh banner and key exchange within the attempt timeout");
    }
    pollfd pfd{ssh_get_fd(s), POLLIN, 0};
    if (pfd.fd < 0) {
      std::this_thread::sleep_for(milliseconds(10));
    } else {
      poll(&pfd, 1, 20);
    }
  }
  ssh_set_blocking(s, 1);
  return {};
}

Result<void> check_host_key(ssh_session s, ssh_key expected, const std::string& expected_fp,
                            std::string* seen_fp) {
  ssh_key raw = nullptr;
  if (ssh_get_server_publickey(s, &raw) != SSH_OK) {
    return internal_error("the guest presented no host key");
  }
  KeyHandle server_key(raw);
  auto fp = fingerprint_of(server_key.get());
  if (!fp) return std::move(fp).error();
  if (ssh_key_cmp(server_key.get(), expected, SSH_KEY_CMP_PUBLIC) != 0) {
    return coded_error(
        kGuestHostKeyMismatch,
        fmt::format("the guest presented host key {}, expected {}", *fp, expected_fp),
        "the guest did not install the host key from its cloud-init seed, or something else "
        "answers on this port");
  }
  *seen_fp = std::move(*fp);
  return {};
}

Attempt attempt(const SshEndpoint& ep, ssh_key expected, const std::string& expected_fp,
                ssh_key client_key, Clock::time_point until, std::string* seen_fp) {
  auto s = new_session(ep, ssh_key_type_to_char(ssh_key_type(expected)));
  if (!s) return final_error(std::move(s).error());
  if (auto h = handshake(s->get(), until); !h) {
    if (h.error().kind == ErrorKind::kCancelled) return final_error(std::move(h).error());
    return retry_later(h.error().message);
  }
  // Nothing is sent after key exchange unless the host key is the pinned one.
  if (auto k = check_host_key(s->get(), expected, expected_fp, seen_fp); !k) {
    return final_error(std::move(k).error());
  }
  set_io_timeout(
      s->get(),
      std::max(milliseconds(1), std::chrono::duration_cast<milliseconds>(until - Clock::now())));
  int rc = ssh_userauth_publickey(s->get(), nullptr, client_key);
  if (rc == SSH_AUTH_SUCCESS) return {std::move(*s), std::nullopt, false};
  if (rc == SSH_AUTH_ERROR && ssh_is_connected(s->get()) == 0) {
    return retry_later(fmt::format("connection lost during login: {}", last_ssh_error(s->get())));
  }
  std::string why = rc == SSH_AUTH_ERROR ? last_ssh_error(s->get()) : "public key refused";
  return final_error(
      coded_error(kAuthFailed, fmt::format("login as {} failed: {}", describe(ep), why),
                  "the guest refused the run's client key: cloud-init may not have created "
                  "the user from the seed"));
}

// Sleeps until `until` in short steps; false when cancelled.
bool backoff_until(Clock::time_point until) {
  while (Clock::now() < until) {
    if (cancelled()) return false;
    auto left = std::chrono::duration_cast<milliseconds>(until - Clock::now());
    std::this_thread::sleep_for(std::clamp(left, milliseconds(1), milliseconds(50)));
  }
  return !cancelled();
}

}  // namespace

Result<ConnectedSession> connect_and_login(const SshEndpoint& endpoint, Clock::time_point deadline,
                                           const ConnectTiming& timing) {
  if (endpoint.port <= 0 || endpoint.port > 65535 || endpoint.user.empty()) {
    return invalid_input(fmt::format("invalid ssh endpoint {}", describe(endpoint)));
  }
  auto expected = import_public_key(endpoint.expected_host_key_public);
  if (!expected) return std::move(expected).error().with_context("expected guest host key");
  auto expected_fp = fingerprint_of(expected->get());
  if (!expected_fp) return std::move(expected_fp).error();
  auto client_key = import_private_key(endpoint.client_private_key_pem);
  if (!client_key) return std::move(client_key).error().with_context("client key");

  auto start = Clock::now();
  milliseconds backoff = timing.first_backoff;
  for (int n = 1;; ++n) {
    if (cancelled()) return cancelled_error("connecting to the guest");
    auto until = std::min(deadline, Clock::now() + timing.attempt_timeout);
    ConnectedSession out;
    Attempt a = attempt(endpoint, expected->get(), *expected_fp, client_key->get(), until,
                        &out.host_key_fingerprint);
    if (!a.error) {
      out.session = std::move(a.session);
      set_io_timeout(out.session.get(), timing.io_timeout);
      return out;
    }
    if (!a.retry) return std::move(*a.error);
    if (Clock::now() >= deadline) {
      auto waited = std::chrono::duration<double>(Clock::now() - start).count();
      return coded_error(
          kGuestUnreachable,
          fmt::format("no ssh session with {} after {:.1f} s ({} attempts; last: {})",
                      describe(endpoint), waited, n, a.error->message),
          "the guest did not answer ssh before the deadline; its serial.log shows how far it "
          "booted");
    }
    if (!backoff_until(std::min(deadline, Clock::now() + backoff))) {
      return cancelled_error("connecting to the guest");
    }
    backoff = std::min(backoff * 2, timing.max_backoff);
  }
}

}  // namespace bpfcompat::transport
