#include "rulepreset.h"

#include "textmetrics.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(RulePreset)
};

RulePreset makePreset(const QString &id, const QString &name, int chars, double cps,
                      qint64 minDuration, qint64 maxDuration, qint64 minGap)
{
    RulePreset p;
    p.id = id;
    p.name = name;
    p.maxCharsPerLine = chars;
    p.maxLines = 2;
    p.maxCps = cps;
    p.minDuration = minDuration;
    p.maxDuration = maxDuration;
    p.minGap = minGap;
    return p;
}

} // namespace

QList<RulePreset> builtinPresets()
{
    // Values from the presets table of SUBTITLE-RULES.md; 83 ms is two frames at 24 fps.
    return {
        makePreset(u"netflix-en"_s, Tr::tr("Netflix English"), 42, 20.0, 833, 7000, 83),
        makePreset(u"zh-cn"_s, Tr::tr("Simplified Chinese"), 16, 9.0, 833, 7000, 83),
        makePreset(u"relaxed"_s, Tr::tr("Relaxed (online video)"), 50, 25.0, 700, 8000, 0),
    };
}

std::optional<RulePreset> presetById(QStringView id)
{
    for (const RulePreset &p : builtinPresets()) {
        if (id.compare(p.id, Qt::CaseInsensitive) == 0)
            return p;
    }
    return std::nullopt;
}

QStringList presetIds()
{
    QStringList ids;
    for (const RulePreset &p : builtinPresets())
        ids.append(p.id);
    return ids;
}

bool isCjkLanguage(QStringView language)
{
    const QString l = language.trimmed().toString().toLower();
    if (l.isEmpty())
        return false;
    qsizetype cut = 0;
    while (cut < l.size() && l[cut] != u'-' && l[cut] != u'_')
        ++cut;
    const QStringView primary = QStringView(l).first(cut);
    static const QStringList codes = {
        u"zh"_s,        u"ja"_s,  u"ko"_s,  u"yue"_s, u"chinese"_s, u"japanese"_s, u"korean"_s,
        u"cantonese"_s, u"cmn"_s, u"wuu"_s, u"jpn"_s, u"kor"_s,     u"zho"_s};
    for (const QString &c : codes) {
        if (primary == c)
            return true;
    }
    return false;
}

RulePreset defaultPresetForLanguage(QStringView language)
{
    return *presetById(isCjkLanguage(language) ? u"zh-cn" : u"netflix-en");
}

RulePreset defaultPresetFor(QStringView language, QStringView sample)
{
    if (!language.trimmed().isEmpty())
        return defaultPresetForLanguage(language);
    qsizetype cjk = 0, letters = 0;
    for (char32_t c : sample.toUcs4()) {
        if (isCjk(c) && !(c >= 0x3000 && c <= 0x303F) && !(c >= 0xFF00 && c <= 0xFF20)) {
            ++cjk;
            ++letters;
        } else if (QChar::isLetter(c)) {
            ++letters;
        }
    }
    return *presetById(letters > 0 && cjk * 2 > letters ? u"zh-cn" : u"netflix-en");
}
