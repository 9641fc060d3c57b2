#include "linebreak.h"

#include <algorithm>
#include <cmath>
#include <limits>

int unitsLength(std::span<const SegmentUnit> units, int from, int to)
{
    int n = 0;
    for (int k = from; k < to; ++k)
        n += units[size_t(k)].length + (k > from && units[size_t(k)].spaceBefore ? 1 : 0);
    return n;
}

QList<int> chooseLineBreaks(std::span<const SegmentUnit> units, int maxCharsPerLine, int maxLines)
{
    const int n = int(units.size());
    const int limit = std::max(1, maxCharsPerLine);
    if (n < 2 || maxLines < 2 || unitsLength(units, 0, n) <= limit)
        return {};
    // Prefix sums: len(a, b) = pre[b] - pre[a] - (space before a ? 1 : 0).
    QList<int> pre(n + 1, 0);
    for (int k = 0; k < n; ++k)
        pre[k + 1] = pre[k] + units[size_t(k)].length + (units[size_t(k)].spaceBefore ? 1 : 0);
    const auto len = [&](int a, int b) {
        return pre[b] - pre[a] - (units[size_t(a)].spaceBefore ? 1 : 0);
    };
    // The fewest lines that fit (greedy fill), but no more than maxLines.
    int lines = 1, cur = units[0].length;
    for (int k = 1; k < n; ++k) {
        const int add = units[size_t(k)].length + (units[size_t(k)].spaceBefore ? 1 : 0);
        if (cur + add > limit && !units[size_t(k)].glued) {
            ++lines;
            cur = units[size_t(k)].length;
        } else {
            cur += add;
        }
    }
    lines = std::clamp(lines, 2, maxLines);
    const double average = double(len(0, n) - (lines - 1)) / lines;
    const auto breakCost = [&](int k) { // a line starts at unit k
        const SegmentUnit &before = units[size_t(k - 1)];
        // In characters of imbalance: punctuation outweighs shape (a clause break is worth 25
        // characters), a dangling function word loses to an alternative up to ~20 away.
        double c = 0;
        if (before.mark == BreakMark::Sentence)
            c -= 40;
        else if (before.mark == BreakMark::Clause)
            c -= 25;
        else if (units[size_t(k)].start - before.end >= 300)
            c -= 8;
        if (before.functionWord)
            c += 20;
        return c;
    };
    // Best partition of [0, b) into l lines: cost[l][b], with the start of the last line.
    constexpr double inf = std::numeric_limits<double>::infinity();
    QList<QList<double>> cost(lines + 1, QList<double>(n + 1, inf));
    QList<QList<int>> from(lines + 1, QList<int>(n + 1, -1));
    cost[0][0] = 0;
    QList<int> lastLen(n + 1, 0);
    for (int l = 1; l <= lines; ++l) {
        for (int b = 1; b <= n; ++b) {
            if (b < n && units[size_t(b)].glued)
                continue;
            for (int a = l - 1; a < b; ++a) {
                if (cost[l - 1][a] == inf || (a > 0 && units[size_t(a)].glued))
                    continue;
                const int length = len(a, b);
                double c = cost[l - 1][a] + std::abs(length - average) +
                           1000.0 * std::max(0, length - limit);
                if (a > 0) {
                    c += breakCost(a);
                    const int above = len(from[l - 1][a] < 0 ? 0 : from[l - 1][a], a);
                    if (above > length) // top-heavy
                        c += 0.3 * (above - length) + 2;
                }
                if (c < cost[l][b]) {
                    cost[l][b] = c;
                    from[l][b] = a;
                }
            }
        }
    }
    QList<int> starts;
    for (int l = lines, b = n; l > 1 && b > 0; --l) {
        b = from[l][b];
        if (b <= 0)
            break;
        starts.prepend(b);
    }
    return starts;
}

QString renderUnits(std::span<const SegmentUnit> units, const QList<int> &lineStarts)
{
    QString out;
    qsizetype next = 0;
    for (int k = 0; k < int(units.size()); ++k) {
        const SegmentUnit &u = units[size_t(k)];
        if (next < lineStarts.size() && lineStarts[next] == k) {
            if (!out.isEmpty())
                out += u'\n';
            ++next;
        } else if (u.spaceBefore && k > 0 && !out.isEmpty() && out.back() != u'\n') {
            out += u' ';
        }
        out += u.text;
    }
    return out;
}
