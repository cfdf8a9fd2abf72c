#include "procstatparser.h"

#include <bit>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <limits>

namespace {

static_assert(std::endian::native == std::endian::little, "skipFields reads words low byte first");

constexpr std::uint64_t Spaces = 0x2020202020202020;
constexpr std::uint64_t Low7 = 0x7f7f7f7f7f7f7f7f;

// 0x80 in each byte of x that is zero, nothing elsewhere (no borrow crosses bytes).
std::uint64_t zeroBytes(std::uint64_t x)
{
    return ~(((x & Low7) + Low7) | x | Low7);
}

// Moves p past the next n spaces, i.e. over n fields; false if the text ends first. The skipped
// fields are most of the bytes scanned, on every PID every tick: eight bytes per step.
bool skipFields(const char *&p, const char *end, int n)
{
    while (end - p >= 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, p, sizeof word);
        // One bit per space in this word, lowest address first; a word holds only a few.
        for (std::uint64_t spaces = zeroBytes(word ^ Spaces); spaces; spaces &= spaces - 1) {
            if (--n == 0) {
                p += std::countr_zero(spaces) / 8 + 1;
                return true;
            }
        }
        p += sizeof word;
    }
    for (; p < end; ++p) {
        if (*p == ' ' && --n == 0) {
            ++p;
            return true;
        }
    }
    return false;
}

// Reads the unsigned number at p, which must end at a space, a newline or the end of the text,
// and moves p to the next field. Up to 19 digits cannot overflow 64 bits, so the loop needs no
// check per digit; longer numbers go through from_chars, which detects overflow.
template<typename T>
bool takeNumber(const char *&p, const char *end, T *value)
{
    const char *start = p;
    std::uint64_t number = 0;
    for (; p < end && unsigned(*p - '0') < 10; ++p)
        number = number * 10 + unsigned(*p - '0');
    if (p == start || (p < end && *p != ' ' && *p != '\n'))
        return false;
    if (p - start > 19 && std::from_chars(start, p, number).ec != std::errc())
        return false;
    if (number > std::uint64_t(std::numeric_limits<T>::max()))
        return false;
    *value = T(number);
    p += p < end ? 1 : 0;
    return true;
}

} // namespace

std::optional<ProcStat> ProcStatParser::parse(QByteArrayView line)
{
    if (line.isEmpty())
        return std::nullopt; // memchr must not see the null data() of an empty view
    const char *begin = line.data();
    const char *end = begin + line.size();
    // The command name may itself hold spaces and ')': it ends at the LAST ')'.
    const auto *open = static_cast<const char *>(std::memchr(begin, '(', size_t(line.size())));
    const auto *close = static_cast<const char *>(::memrchr(begin, ')', size_t(line.size())));
    if (!open || !close || open - begin < 2 || open[-1] != ' ' || close < open || end - close < 4 ||
        close[1] != ' ' || close[2] == ' ' || close[3] != ' ')
        return std::nullopt;
    ProcStat stat;
    stat.comm = QByteArrayView(open + 1, close - open - 1);
    stat.state = close[2];
    const char *pid = begin;
    const char *p = close + 4; // field 4
    // Fields 4-13 and 16-19, 21 and 23 are not needed: skipped without being parsed.
    const bool ok = takeNumber(pid, open, &stat.pid) && pid == open && skipFields(p, end, 10) &&
                    takeNumber(p, end, &stat.utime) && takeNumber(p, end, &stat.stime) &&
                    skipFields(p, end, 4) && takeNumber(p, end, &stat.threads) &&
                    skipFields(p, end, 1) && takeNumber(p, end, &stat.startTime) &&
                    skipFields(p, end, 1) && takeNumber(p, end, &stat.rssPages);
    if (!ok || stat.pid == 0)
        return std::nullopt;
    return stat;
}
