// tests/support/tls_http_server.h
//
// An HTTPS/1.1 server on 127.0.0.1 (ephemeral port) with a self-signed
// certificate for "127.0.0.1" made at construction, for tests of
// certificate verification. The certificate is written to a PEM file so a
// test can name it as the CA file. One connection at a time, one answer per
// connection; it records the ALPN protocols each client offered. The
// destructor stops the thread. Header-only; POSIX and OpenSSL 3 (link
// OpenSSL::SSL).

#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace omvarld::testing {

class TlsHttpServer {
 public:
  // Serves `body` as text/xml for every request; writes the certificate to
  // `certificate_file`.
  TlsHttpServer(const std::filesystem::path& certificate_file, std::string body) : body_(std::move(body)) {
    key_ = EVP_EC_gen("P-256");
    certificate_ = X509_new();
    if (key_ == nullptr || certificate_ == nullptr || !make_certificate() || !write_pem(certificate_file)) {
      throw std::runtime_error("tls server: could not make a certificate");
    }
    context_ = SSL_CTX_new(TLS_server_method());
    if (context_ == nullptr || SSL_CTX_use_certificate(context_, certificate_) != 1 ||
        SSL_CTX_use_PrivateKey(context_, key_) != 1) {
      throw std::runtime_error("tls server: could not set up the TLS context");
    }
    SSL_CTX_set_alpn_select_cb(context_, &TlsHttpServer::select_alpn, this);
    listen_on_loopback();
    thread_ = std::thread([this] { serve(); });
  }

  ~TlsHttpServer() {
    stopping_ = true;
    thread_.join();
    ::close(listener_);
    SSL_CTX_free(context_);
    X509_free(certificate_);
    EVP_PKEY_free(key_);
  }

  TlsHttpServer(const TlsHttpServer&) = delete;
  TlsHttpServer& operator=(const TlsHttpServer&) = delete;

  std::string url(const std::string& path) const { return "https://127.0.0.1:" + std::to_string(port_) + path; }

  // Per connection, the ALPN protocols the client offered ("h2,http/1.1").
  std::vector<std::string> offered_protocols() const {
    std::lock_guard lock(mutex_);
    return offered_;
  }

  int answers() const { return answers_; }

 private:
  bool make_certificate() {
    X509_set_version(certificate_, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(certificate_), 1);
    X509_gmtime_adj(X509_getm_notBefore(certificate_), -3600);
    X509_gmtime_adj(X509_getm_notAfter(certificate_), 24 * 3600);
    X509_set_pubkey(certificate_, key_);
    X509_NAME* name = X509_get_subject_name(certificate_);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("127.0.0.1"), -1,
                               -1, 0);
    X509_set_issuer_name(certificate_, name);
    X509V3_CTX extensions;
    X509V3_set_ctx_nodb(&extensions);
    X509V3_set_ctx(&extensions, certificate_, certificate_, nullptr, nullptr, 0);
    for (const auto& [nid, value] : {std::pair{NID_subject_alt_name, "IP:127.0.0.1"},
                                     std::pair{NID_basic_constraints, "critical,CA:TRUE"}}) {
      X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &extensions, nid, value);
      if (extension == nullptr) return false;
      X509_add_ext(certificate_, extension, -1);
      X509_EXTENSION_free(extension);
    }
    return X509_sign(certificate_, key_, EVP_sha256()) > 0;
  }

  bool write_pem(const std::filesystem::path& file) const {
    BIO* out = BIO_new_file(file.c_str(), "w");
    if (out == nullptr) return false;
    const bool written = PEM_write_bio_X509(out, certificate_) == 1;
    BIO_free(out);
    return written;
  }

  void listen_on_loopback() {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (listener_ < 0 || ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listener_, 16) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      throw std::runtime_error("tls server: bind/listen failed");
    }
    port_ = ntohs(address.sin_port);
  }

  // Records what the client offers and picks http/1.1 when it is offered.
  static int select_alpn(SSL*, const unsigned char** out, unsigned char* out_length, const unsigned char* in,
                         unsigned int in_length, void* self) {
    auto* server = static_cast<TlsHttpServer*>(self);
    std::string offered;
    int chosen = SSL_TLSEXT_ERR_NOACK;
    for (unsigned int at = 0; at < in_length; at += 1u + in[at]) {
      const std::string protocol(reinterpret_cast<const char*>(in + at + 1), in[at]);
      offered += (offered.empty() ? "" : ",") + protocol;
      if (protocol == "http/1.1") {
        *out = in + at + 1;
        *out_length = in[at];
        chosen = SSL_TLSEXT_ERR_OK;
      }
    }
    std::lock_guard lock(server->mutex_);
    server->offered_.push_back(offered);
    return chosen;
  }

  void serve() {
    while (!stopping_) {
      pollfd waiting{listener_, POLLIN, 0};
      if (::poll(&waiting, 1, 10) <= 0) continue;
      const int connection = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
      if (connection < 0) continue;
      // A client that refuses the certificate goes quiet: never wait long.
      const timeval timeout{2, 0};
      ::setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
      SSL* tls = SSL_new(context_);
      SSL_set_fd(tls, connection);
      if (SSL_accept(tls) == 1 && read_request(tls)) {
        const std::string answer = "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: " +
                                   std::to_string(body_.size()) + "\r\nConnection: close\r\n\r\n" + body_;
        if (SSL_write(tls, answer.data(), static_cast<int>(answer.size())) > 0) ++answers_;
        SSL_shutdown(tls);
      }
      SSL_free(tls);
      ERR_clear_error();
      ::close(connection);
    }
  }

  static bool read_request(SSL* tls) {
    std::string head;
    char buffer[4096];
    while (head.find("\r\n\r\n") == std::string::npos) {
      const int received = SSL_read(tls, buffer, sizeof buffer);
      if (received <= 0) return false;
      head.append(buffer, static_cast<std::size_t>(received));
    }
    return true;
  }

  const std::string body_;
  EVP_PKEY* key_ = nullptr;
  X509* certificate_ = nullptr;
  SSL_CTX* context_ = nullptr;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> answers_{0};
  mutable std::mutex mutex_;
  std::vector<std::string> offered_;
  std::thread thread_;
};

}  // namespace omvarld::testing
