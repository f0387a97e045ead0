// tools/cli/vector_file.hpp: vectors for the shell form, from a command-line list, a text file or
// a NumPy .npy file.
//
// Text ("0.5,0.5", or a file of numbers separated by commas, spaces, tabs or newlines): each
// number is rounded once from its text to the requested format (number_text.hpp).
// .npy: format versions 1.0, 2.0 and 3.0, a 1-D or 2-D (one vector per row) C-order array of
// little-endian float64 ('<f8'), float32 ('<f4') or float16 ('<f2', binary16) for reals, or of
// integers ('<i8', '<i4', '<i2', '|i1', '<u8', '<u4', '<u2', '|u1') for sample indices. Everything
// in the header is checked and no length is trusted: the data must be exactly as long as the shape
// says. A file read in a narrower type (float64 as binary32, float32 as binary16, anything as
// bfloat16, which NumPy has no dtype for) must hold numbers of that type only (rounding them would
// change the input), otherwise it is an error. Regular files are mapped into memory (mmap), not
// copied through a buffer.
#ifndef GIBBS_TOOLS_CLI_VECTOR_FILE_HPP
#define GIBBS_TOOLS_CLI_VECTOR_FILE_HPP

#include "number_text.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bit>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace gibbs::cli {

/// A problem with a vector given on the command line or in a file; what() is the sentence.
class vector_error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// A file that cannot be read at all (missing, a directory, an I/O error).
class unreadable_file : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

namespace detail {

[[nodiscard]] constexpr bool is_separator(char c) noexcept {
  return c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/// Calls f(token, index) for each number of a comma/whitespace-separated list. Whitespace runs
/// are one separator; a comma stands between two numbers, so a leading, trailing or doubled comma
/// is an empty entry: an error naming the list (`name`) and the entry's index, not a number
/// silently dropped ("0.5,,0.5" is not the two numbers 0.5, 0.5).
template <class F>
void for_each_token(std::string_view text, const std::string& name, F&& f) {
  std::size_t i = 0, index = 0;
  bool comma_open = true; // a comma here would have no number before it
  while (i < text.size()) {
    while (i < text.size() && is_separator(text[i])) {
      if (text[i] == ',') {
        if (comma_open)
          throw vector_error(name + '[' + std::to_string(index)
                             + "] is empty: a comma with no number before it");
        comma_open = true;
      }
      ++i;
    }
    std::size_t j = i;
    while (j < text.size() && !is_separator(text[j]))
      ++j;
    if (j > i) {
      f(text.substr(i, j - i), index++);
      comma_open = false;
    }
    i = j;
  }
  if (comma_open && index > 0)
    throw vector_error(name + '[' + std::to_string(index)
                       + "] is empty: the list ends with a comma");
}

} // namespace detail

/// Reads a list of reals in the given format. name is the option, for messages.
[[nodiscard]] inline std::vector<double>
parse_real_list(std::string_view text, const std::string& name, oracle::format fmt) {
  std::vector<double> out;
  detail::for_each_token(text, name, [&](std::string_view tok, std::size_t i) {
    double v = 0;
    const number_problem p = parse_real(tok, fmt, v);
    if (p != number_problem::none)
      throw vector_error(name + '[' + std::to_string(i) + "] = " + excerpt(tok) + ' '
                         + explain(p, fmt));
    out.push_back(v);
  });
  return out;
}

/// Reads a list of sample indices (non-negative integers).
[[nodiscard]] inline std::vector<std::int64_t> parse_index_list(std::string_view text,
                                                                const std::string& name) {
  std::vector<std::int64_t> out;
  detail::for_each_token(text, name, [&](std::string_view tok, std::size_t i) {
    std::int64_t v = 0;
    const auto p = parse_int(tok, v);
    const std::string at = name + '[' + std::to_string(i) + "] = " + excerpt(tok);
    if (p == number_problem::too_large) throw vector_error(at + " is too large");
    if (p != number_problem::none) throw vector_error(at + " is not an integer");
    if (v < 0) throw vector_error(at + " is negative; sample indices are >= 0");
    out.push_back(v);
  });
  return out;
}

/// The bytes of a file, read-only: a memory mapping of a regular file, or (a pipe, a terminal)
/// the bytes read into memory. Throws unreadable_file.
class file_bytes {
public:
  explicit file_bytes(const std::string& path) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) throw unreadable_file("cannot open " + path + ": " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd_, &st) != 0) fail(path, errno);
    if (S_ISDIR(st.st_mode)) fail(path, EISDIR);
    if (S_ISREG(st.st_mode) && st.st_size > 0) {
      size_ = static_cast<std::size_t>(st.st_size);
      void* m = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd_, 0);
      if (m != MAP_FAILED) {
        map_ = m;
        ::madvise(m, size_, MADV_SEQUENTIAL);
        return;
      }
    }
    // Not mappable: read it, doubling the buffer.
    std::size_t have = 0;
    buf_.resize(std::size_t{1} << 16);
    for (;;) {
      if (have == buf_.size()) buf_.resize(2 * buf_.size());
      const ssize_t got = ::read(fd_, buf_.data() + have, buf_.size() - have);
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) fail(path, errno);
      if (got == 0) break;
      have += static_cast<std::size_t>(got);
    }
    buf_.resize(have);
    size_ = have;
  }
  file_bytes(const file_bytes&) = delete;
  file_bytes& operator=(const file_bytes&) = delete;
  ~file_bytes() {
    if (map_) ::munmap(map_, size_);
    if (fd_ >= 0) ::close(fd_);
  }
  [[nodiscard]] std::string_view view() const noexcept {
    return map_ ? std::string_view(static_cast<const char*>(map_), size_)
                : std::string_view(buf_.data(), size_);
  }

private:
  [[noreturn]] void fail(const std::string& path, int err) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    throw unreadable_file("cannot read " + path + ": " + std::strerror(err));
  }
  int fd_ = -1;
  void* map_ = nullptr;
  std::size_t size_ = 0;
  std::vector<char> buf_;
};

/// The whole content of a file as a string. Throws unreadable_file.
[[nodiscard]] inline std::string read_file(const std::string& path) {
  const file_bytes f(path);
  return std::string(f.view());
}

/// Reals read from a file or a list: one vector (rows == 1, batched false) or, from a 2-D .npy
/// file, `rows` vectors of `cols` entries each, row after row in `values`.
struct real_rows {
  std::vector<double> values;
  std::size_t rows = 1, cols = 0;
  bool batched = false;
  /// Row r (the one vector for every r when not batched).
  [[nodiscard]] std::span<const double> row(std::size_t r) const noexcept {
    return {values.data() + (batched ? r * cols : 0), cols};
  }
};

/// Sample indices, likewise.
struct index_rows {
  std::vector<std::int64_t> values;
  std::size_t rows = 1, cols = 0;
  bool batched = false;
  [[nodiscard]] std::span<const std::int64_t> row(std::size_t r) const noexcept {
    return {values.data() + (batched ? r * cols : 0), cols};
  }
};

/// What a .npy header says.
struct npy_header {
  char kind = 0;                  ///< 'f' float, 'i' signed, 'u' unsigned
  std::size_t width = 0;          ///< bytes per element
  std::size_t count = 0;          ///< number of elements
  std::size_t rows = 1, cols = 0; ///< shape (cols,) or (rows, cols)
  bool two_d = false;
  std::size_t data_offset = 0;
};

namespace detail {

/// The value of `key` in the Python dict literal of a .npy header, as raw text up to the next
/// top-level comma or closing brace; throws when missing.
[[nodiscard]] inline std::string_view npy_field(std::string_view dict, std::string_view key,
                                                const std::string& path) {
  const std::string quoted1 = "'" + std::string(key) + "'";
  const std::string quoted2 = "\"" + std::string(key) + "\"";
  auto at = dict.find(quoted1);
  std::size_t len = quoted1.size();
  if (at == std::string_view::npos) at = dict.find(quoted2);
  if (at == std::string_view::npos)
    throw vector_error(path + ": the .npy header has no '" + std::string(key) + "' entry");
  std::size_t i = at + len;
  while (i < dict.size() && (dict[i] == ' ' || dict[i] == ':'))
    ++i;
  std::size_t j = i;
  int paren = 0;
  while (j < dict.size() && (paren > 0 || (dict[j] != ',' && dict[j] != '}'))) {
    if (dict[j] == '(') ++paren;
    if (dict[j] == ')') --paren;
    ++j;
  }
  std::string_view v = dict.substr(i, j - i);
  while (!v.empty() && v.back() == ' ')
    v.remove_suffix(1);
  return v;
}

} // namespace detail

/// Parses and checks the header of a .npy file held in `data`.
[[nodiscard]] inline npy_header read_npy_header(std::string_view data, const std::string& path) {
  constexpr std::string_view magic("\x93NUMPY", 6);
  if (data.size() < 10 || data.substr(0, 6) != magic)
    throw vector_error(path + ": not a .npy file (the magic string \\x93NUMPY is missing)");
  const auto major = static_cast<unsigned char>(data[6]);
  std::size_t header_len = 0, prefix = 0;
  if (major == 1) {
    header_len = static_cast<unsigned char>(data[8])
                 | (std::size_t{static_cast<unsigned char>(data[9])} << 8);
    prefix = 10;
  } else if (major == 2 || major == 3) {
    if (data.size() < 12) throw vector_error(path + ": the .npy header is truncated");
    for (int k = 3; k >= 0; --k)
      header_len = (header_len << 8) | static_cast<unsigned char>(data[8 + k]);
    prefix = 12;
  } else {
    throw vector_error(path + ": .npy format version " + std::to_string(major)
                       + " is not supported (1, 2 and 3 are)");
  }
  if (header_len > data.size() - prefix)
    throw vector_error(path + ": the .npy header says it is " + std::to_string(header_len)
                       + " bytes long but the file is shorter");
  const std::string_view dict = data.substr(prefix, header_len);
  const auto descr = detail::npy_field(dict, "descr", path);
  const auto order = detail::npy_field(dict, "fortran_order", path);
  const auto shape = detail::npy_field(dict, "shape", path);

  npy_header h;
  h.data_offset = prefix + header_len;
  // descr: '<f8', '<f4', '<i8', ..., '|u1'
  if (descr.size() != 5 || (descr[0] != '\'' && descr[0] != '"') || descr[4] != descr[0])
    throw vector_error(path + ": dtype " + excerpt(descr) + " is not supported");
  const char endian = descr[1];
  h.kind = descr[2];
  h.width = static_cast<std::size_t>(descr[3] - '0');
  const bool known_kind = h.kind == 'f' || h.kind == 'i' || h.kind == 'u';
  const bool known_width = h.width == 1 || h.width == 2 || h.width == 4 || h.width == 8;
  if (!known_kind || !known_width || (h.kind == 'f' && h.width < 2))
    throw vector_error(path + ": dtype " + std::string(descr)
                       + " is not supported (use float64 '<f8', float32 '<f4' or float16 '<f2'; "
                         "integers for samples)");
  if (endian == '>' || (endian == '!'))
    throw vector_error(path + ": dtype " + std::string(descr)
                       + " is big-endian; save the array as little-endian ('<')");
  if (!(endian == '<' || (endian == '|' && h.width == 1)))
    throw vector_error(path + ": dtype " + std::string(descr)
                       + " has an unknown byte order; save the array as little-endian ('<')");
  if (order == "True")
    throw vector_error(path
                       + ": the array is in Fortran order; save a C-order array "
                         "(numpy.ascontiguousarray)");
  if (order != "False")
    throw vector_error(path + ": fortran_order = " + excerpt(order) + " is not understood");
  // shape: (n,) for 1-D, (r, c) for 2-D
  if (shape.size() < 3 || shape.front() != '(' || shape.back() != ')')
    throw vector_error(path + ": shape " + excerpt(shape) + " is not understood");
  std::string_view dims = shape.substr(1, shape.size() - 2);
  std::vector<std::int64_t> extent;
  while (!dims.empty()) {
    const auto comma = dims.find(',');
    std::string_view d = dims.substr(0, comma);
    while (!d.empty() && d.front() == ' ')
      d.remove_prefix(1);
    while (!d.empty() && d.back() == ' ')
      d.remove_suffix(1);
    if (d.empty() && comma == std::string_view::npos) break; // after a trailing comma
    std::int64_t n = 0;
    if (parse_int(d, n) != number_problem::none || n < 0)
      throw vector_error(path + ": shape " + excerpt(shape) + " is not understood");
    extent.push_back(n);
    if (comma == std::string_view::npos) break;
    dims.remove_prefix(comma + 1);
  }
  if (extent.empty() || extent.size() > 2)
    throw vector_error(path + ": the array has shape " + std::string(shape)
                       + "; 1-D arrays (n,) and 2-D arrays (rows, n) are read");
  h.two_d = extent.size() == 2;
  h.rows = h.two_d ? static_cast<std::size_t>(extent[0]) : 1;
  h.cols = static_cast<std::size_t>(extent.back());
  if (h.two_d && h.cols != 0 && h.rows > SIZE_MAX / h.cols)
    throw vector_error(path + ": shape " + excerpt(shape) + " is too large");
  h.count = h.rows * h.cols;
  const std::size_t available = data.size() - h.data_offset;
  if (h.count > available / h.width || h.count * h.width != available)
    throw vector_error(path + ": the header says " + std::to_string(h.count) + " elements of "
                       + std::to_string(h.width) + " bytes, but the file holds "
                       + std::to_string(available) + " bytes of data (truncated or corrupt)");
  return h;
}

namespace detail {

template <class T>
[[nodiscard]] T load_le(const char* p) noexcept {
  static_assert(
      std::endian::native == std::endian::little,
      "the .npy reader assumes a little-endian host, where the file's bytes are the value");
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

} // namespace detail

/// The reals of a .npy file (float64, float32 or float16), for input in format fmt.
[[nodiscard]] inline real_rows read_npy_reals(std::string_view data, const std::string& path,
                                              oracle::format fmt) {
  const npy_header h = read_npy_header(data, path);
  if (h.kind != 'f')
    throw vector_error(
        path + ": the array holds integers; this input needs float64, float32 or float16");
  real_rows out;
  out.rows = h.rows;
  out.cols = h.cols;
  out.batched = h.two_d;
  out.values.resize(h.count);
  const char* base = data.data() + h.data_offset;
  double* dst = out.values.data();
  const char* dtype = h.width == 8 ? "float64" : (h.width == 4 ? "float32" : "float16");
  const auto bad = [&](std::size_t i, double v, const std::string& why) {
    const std::string at =
        h.two_d ? '[' + std::to_string(i / h.cols) + "][" + std::to_string(i % h.cols) + ']'
                : '[' + std::to_string(i) + ']';
    throw vector_error(path + at + " = " + shortest(v) + why);
  };
  if (h.width == 8) {
    std::memcpy(dst, base, 8 * h.count);
  } else if (h.width == 4) {
    for (std::size_t i = 0; i < h.count; ++i)
      dst[i] = static_cast<double>(detail::load_le<float>(base + 4 * i));
  } else {
    for (std::size_t i = 0; i < h.count; ++i)
      dst[i] = static_cast<double>(
          gibbs::binary16::from_bits(detail::load_le<std::uint16_t>(base + 2 * i)));
  }
  // One pass that only compares; the message is built for the first bad entry.
  const bool wide = fmt == oracle::format::binary64;
  bool ok = true;
  for (std::size_t i = 0; i < h.count; ++i)
    ok &= std::isfinite(dst[i]) && (wide || oracle::representable(dst[i], fmt));
  if (!ok)
    for (std::size_t i = 0; i < h.count; ++i) {
      if (!std::isfinite(dst[i])) bad(i, dst[i], " is not finite; entries must be finite numbers");
      if (!oracle::representable(dst[i], fmt))
        bad(i, dst[i],
            std::string(" (") + dtype + ") is not a " + std::string(oracle::traits(fmt).name)
                + " number; save the array in that type or use a wider --type");
    }
  return out;
}

/// The sample indices of a .npy file of integers (`signed_classes`: class targets, where a negative
/// entry is ignore_index's or the oracle's error, so kept).
[[nodiscard]] inline index_rows read_npy_indices(std::string_view data, const std::string& path,
                                                 bool signed_classes = false) {
  const npy_header h = read_npy_header(data, path);
  if (h.kind == 'f')
    throw vector_error(path + ": the array holds floats; sample indices must be an integer array");
  index_rows rows;
  rows.rows = h.rows;
  rows.cols = h.cols;
  rows.batched = h.two_d;
  rows.values.resize(h.count);
  auto& out = rows.values;
  const char* base = data.data() + h.data_offset;
  for (std::size_t i = 0; i < h.count; ++i) {
    const char* p = base + h.width * i;
    std::int64_t v = 0;
    if (h.kind == 'i') {
      switch (h.width) {
      case 1:
        v = static_cast<std::int8_t>(*p);
        break;
      case 2:
        v = detail::load_le<std::int16_t>(p);
        break;
      case 4:
        v = detail::load_le<std::int32_t>(p);
        break;
      default:
        v = detail::load_le<std::int64_t>(p);
        break;
      }
    } else {
      std::uint64_t u = 0;
      switch (h.width) {
      case 1:
        u = static_cast<unsigned char>(*p);
        break;
      case 2:
        u = detail::load_le<std::uint16_t>(p);
        break;
      case 4:
        u = detail::load_le<std::uint32_t>(p);
        break;
      default:
        u = detail::load_le<std::uint64_t>(p);
        break;
      }
      if (u > static_cast<std::uint64_t>(INT64_MAX))
        throw vector_error(path + '[' + std::to_string(i) + "] = " + std::to_string(u)
                           + " is too large");
      v = static_cast<std::int64_t>(u);
    }
    if (v < 0 && !signed_classes)
      throw vector_error(path + '[' + std::to_string(i) + "] = " + std::to_string(v)
                         + " is negative; sample indices are >= 0");
    out[i] = v;
  }
  return rows;
}

/// True when the data starts with the .npy magic string.
[[nodiscard]] inline bool looks_like_npy(std::string_view data) noexcept {
  return data.size() >= 6 && data.substr(0, 6) == std::string_view("\x93NUMPY", 6);
}

/// Reals from a file's bytes (read_real_file: from the file): .npy (1-D or 2-D) when they start
/// with the magic string, otherwise text.
[[nodiscard]] inline real_rows reals_of(std::string_view data, const std::string& path,
                                        oracle::format fmt) {
  if (looks_like_npy(data)) return read_npy_reals(data, path, fmt);
  if (data.find('\0') != std::string::npos)
    throw vector_error(path + ": the file is neither a .npy file nor text (it has NUL bytes)");
  real_rows out;
  out.values = parse_real_list(data, path, fmt);
  out.cols = out.values.size();
  return out;
}
[[nodiscard]] inline real_rows read_real_file(const std::string& path, oracle::format fmt) {
  const file_bytes f(path);
  return reals_of(f.view(), path, fmt);
}

/// A target file (read once, so a pipe works too): class indices when it is a .npy file of
/// integers, a distribution (reals, as read_real_file) otherwise.
struct target_rows {
  std::optional<index_rows> classes;
  real_rows reals;
};
[[nodiscard]] inline target_rows read_target_file(const std::string& path, oracle::format fmt) {
  const file_bytes f(path);
  const std::string_view data = f.view();
  target_rows out;
  if (looks_like_npy(data)) {
    const char kind = read_npy_header(data, path).kind;
    if (kind == 'i' || kind == 'u') {
      out.classes = read_npy_indices(data, path, true);
      return out;
    }
  }
  out.reals = reals_of(data, path, fmt);
  return out;
}

/// Sample indices from a file: .npy of integers (1-D or 2-D), or text.
[[nodiscard]] inline index_rows read_index_file(const std::string& path) {
  const file_bytes f(path);
  const std::string_view data = f.view();
  if (looks_like_npy(data)) return read_npy_indices(data, path);
  if (data.find('\0') != std::string::npos)
    throw vector_error(path + ": the file is neither a .npy file nor text (it has NUL bytes)");
  index_rows out;
  out.values = parse_index_list(data, path);
  out.cols = out.values.size();
  return out;
}

} // namespace gibbs::cli

#endif // GIBBS_TOOLS_CLI_VECTOR_FILE_HPP
