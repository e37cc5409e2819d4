// core/file_descriptor.h
//
// A POSIX file descriptor that closes itself: for the few places that need
// open(2)'s flags (O_EXCL, O_NOFOLLOW, fsync of a directory) rather than a
// stream. Header-only.

#pragma once

#include <unistd.h>

namespace omvarld::core {

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  // Closes now and reports the error close() gives (a late write failure).
  int close() {
    const int result = ::close(fd_);
    fd_ = -1;
    return result;
  }

 private:
  int fd_;
};

}  // namespace omvarld::core
