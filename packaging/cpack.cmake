# CPack: `cmake --build build --target package` makes captioneer_<version>_<arch>.deb from the
# install rules (binary, desktop files, icons, man page; never tests, benchmarks or the sample).
# Included from the top-level CMakeLists.txt after every add_subdirectory.
set(CAPTIONEER_PACKAGE_MAINTAINER "The Captioneer developers <captioneer@users.noreply.github.com>"
    CACHE STRING "Maintainer field of the .deb")

set(CPACK_VERBATIM_VARIABLES ON)
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME captioneer)
set(CPACK_PACKAGE_VENDOR Captioneer)
set(CPACK_PACKAGE_CONTACT "${CAPTIONEER_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "desktop transcription and subtitle editor")
# Debian wants the long description wrapped; CPack indents each line.
set(CPACK_PACKAGE_DESCRIPTION [=[
Captioneer turns speech in audio and video into readable, well-timed
subtitles. It transcribes with a cloud speech service (OpenAI-compatible
servers, SiliconFlow, Alibaba DashScope) or fully offline with
PocketSphinx, lets you edit the cues on a waveform while listening,
previews lines with eSpeak NG text-to-speech, and exports SubRip and
WebVTT.

Every feature is also available from the command line: transcribe,
convert, check, info, providers and speak.]=])
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION video)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${CMAKE_PROJECT_HOMEPAGE_URL}")
# Shared libraries are computed by dpkg-shlibdeps and appended to the data files Captioneer needs
# at run time, which shlibdeps cannot see: the offline recogniser's English model (opened by path
# in core/providers/sphinxrecognizer.cpp; libpocketsphinx3 only recommends it) and eSpeak NG's
# voices (libespeak-ng1 depends on them today; named here because the speak command needs them).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "pocketsphinx-en-us, espeak-ng-data")
# The Wayland platform plugin lives in its own package; without it Qt falls back to XWayland.
# Qt's own translations (standard buttons, file dialogs, --help) for the translated interface;
# Captioneer's are inside the binary (translations/CMakeLists.txt).
# QtKeychain reaches the Secret Service (GNOME Keyring, KeePassXC...) through libsecret, which it
# loads at run time, so shlibdeps cannot see it; without it keys come only from KWallet or the
# environment.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-wayland, qt6-translations-l10n, libsecret-1-0")

set(CPACK_SOURCE_GENERATOR TGZ)
set(CPACK_SOURCE_IGNORE_FILES "/\\.git/" "/build/" "/\\.cache/")

include(CPack)
