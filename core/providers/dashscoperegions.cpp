#include "dashscoperegions.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(DashScope)
};

const QString kNativePath = u"/api/v1"_s;
const QString kCompatiblePath = u"/compatible-mode/v1"_s;

struct RegionHost {
    const char16_t *region;
    const char16_t *host;
};

// PROTOCOLS C.0 (DS-PY env.py defaults, AL-QASR, AL-OMNI).
constexpr RegionHost kHosts[] = {
    {u"beijing", u"dashscope.aliyuncs.com"},
    {u"singapore", u"dashscope-intl.aliyuncs.com"},
    {u"us", u"dashscope-us.aliyuncs.com"},
};

QString apiPath(DashScopeApi api)
{
    return api == DashScopeApi::Native ? kNativePath : kCompatiblePath;
}

QString stripSlashes(QString path)
{
    while (path.endsWith(u'/'))
        path.chop(1);
    return path;
}

} // namespace

QStringList dashScopeRegions()
{
    return {u"beijing"_s, u"singapore"_s, u"us"_s, u"workspace"_s};
}

QString dashScopeRegionName(const QString &region)
{
    if (region == u"beijing")
        return Tr::tr("China (Beijing)");
    if (region == u"singapore")
        return Tr::tr("International (Singapore)");
    if (region == u"us")
        return Tr::tr("US (Virginia)");
    if (region == u"workspace")
        return Tr::tr("Workspace-dedicated host");
    return region;
}

QUrl dashScopeRegionBaseUrl(const QString &region, DashScopeApi api, const QString &workspaceId,
                            const QString &workspaceLocation)
{
    const QString r = region.isEmpty() ? u"beijing"_s : region;
    if (r == u"workspace") {
        // https://{WorkspaceId}.cn-beijing.maas.aliyuncs.com/api/v1 (AL-QASR, AL-FUNHTTP).
        const QString id = workspaceId.trimmed();
        const QString location =
            workspaceLocation.trimmed().isEmpty() ? u"cn-beijing"_s : workspaceLocation.trimmed();
        if (id.isEmpty())
            return {};
        QUrl url;
        url.setScheme(u"https"_s);
        url.setHost(id + u'.' + location + u".maas.aliyuncs.com");
        url.setPath(apiPath(api));
        return url.isValid() && !url.host().isEmpty() ? url : QUrl();
    }
    if (r == u"us" && api == DashScopeApi::Compatible)
        return {}; // PROTOCOLS C.0: no compatible mode for Qwen-ASR in the US region
    for (const RegionHost &h : kHosts) {
        if (r == QStringView(h.region))
            return QUrl(u"https://"_s + QStringView(h.host).toString() + apiPath(api));
    }
    return {};
}

QUrl dashScopeBaseUrl(const ProviderProfile &profile, DashScopeApi api)
{
    if (profile.baseUrl.isEmpty())
        return dashScopeRegionBaseUrl(profile.region, api,
                                      profile.options.value(u"workspace_id"_s).toString(),
                                      profile.options.value(u"workspace_location"_s).toString());
    QUrl url = profile.baseUrl;
    const QString path = stripSlashes(url.path());
    const QString other = api == DashScopeApi::Native ? kCompatiblePath : kNativePath;
    if (path.endsWith(other)) {
        url.setPath(path.left(path.size() - other.size()) + apiPath(api));
        return url;
    }
    url.setPath(path);
    return url;
}

QUrl dashScopeEndpoint(const QUrl &base, QStringView path)
{
    QUrl url = base;
    url.setPath(stripSlashes(url.path()).append(path));
    return url;
}

QString dashScopeRegionOfHost(const QString &host)
{
    const QString h = host.toLower();
    for (const RegionHost &r : kHosts) {
        if (h == QStringView(r.host))
            return QStringView(r.region).toString();
    }
    if (h.endsWith(u".cn-beijing.maas.aliyuncs.com"))
        return u"beijing"_s;
    if (h.endsWith(u".ap-southeast-1.maas.aliyuncs.com"))
        return u"singapore"_s;
    return {};
}

QString dashScopeProviderName(const ProviderProfile &profile)
{
    if (!profile.displayName.isEmpty())
        return profile.displayName;
    return !profile.id.isEmpty() ? profile.id : profile.kind;
}

RawHeaders dashScopeCommonHeaders(const ProviderProfile &profile)
{
    RawHeaders headers;
    const QString workspace = profile.options.value(u"workspace_id"_s).toString().trimmed();
    if (!workspace.isEmpty())
        headers.append({QByteArray("X-DashScope-WorkSpace"), workspace.toUtf8()});
    return headers;
}

std::optional<Error> dashScopeProfileProblem(const ProviderProfile &profile, DashScopeApi api,
                                             const QByteArray &apiKey)
{
    const QString name = dashScopeProviderName(profile);
    const QUrl base = dashScopeBaseUrl(profile, api);
    if (base.isEmpty() && profile.baseUrl.isEmpty() && profile.region == u"workspace")
        return makeError(
            ErrorCode::InvalidArgument,
            Tr::tr("%1 uses a workspace-dedicated host but names no workspace. Set the "
                   "workspace id in Settings.")
                .arg(name));
    if (base.isEmpty() && profile.baseUrl.isEmpty() && profile.region == u"us")
        return makeError(
            ErrorCode::InvalidArgument,
            Tr::tr("%1: the US region of DashScope has no OpenAI-compatible mode for this "
                   "model. Use the native DashScope profile or another region.")
                .arg(name));
    if (!base.isValid() || base.host().isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         Tr::tr("%1 has no valid base URL. Choose a region or set a base URL in "
                                "Settings.")
                             .arg(name));
    ProviderProfile resolved = profile;
    resolved.baseUrl = base;
    if (const QString insecure = insecureUrlProblem(resolved); !insecure.isEmpty())
        return makeError(ErrorCode::InvalidArgument, insecure);
    if (apiKey.isEmpty())
        return makeError(
            ErrorCode::InvalidArgument,
            Tr::tr("No API key is set for %1. Add one in Settings or set the environment "
                   "variable %2.")
                .arg(name, profile.keyName.isEmpty() ? u"DASHSCOPE_API_KEY"_s : profile.keyName));
    return std::nullopt;
}

Error withDashScopeRegionHint(Error error, const ProviderProfile &profile, const QUrl &base)
{
    if (error.httpStatus != 401 && error.providerCode != u"InvalidApiKey")
        return error;
    const QString name = dashScopeProviderName(profile);
    // The host's region when it is a public DashScope host, else (a proxy, a gateway) the
    // region the profile says it is for.
    QString region = dashScopeRegionOfHost(base.host());
    if (region.isEmpty())
        region = profile.region;
    if (region.isEmpty())
        error.message =
            Tr::tr("%1 rejected the API key (InvalidApiKey). DashScope keys work only in "
                   "the region they were created in: check that the key and the region "
                   "of this profile (host %2) match.")
                .arg(name, base.host());
    else
        error.message =
            Tr::tr("%1 rejected the API key (InvalidApiKey). DashScope keys work only in "
                   "the region they were created in: check that this key belongs to %2 "
                   "(host %3), or change the region of this profile.")
                .arg(name, dashScopeRegionName(region), base.host());
    return error;
}
