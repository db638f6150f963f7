; SPDX-License-Identifier: MIT
; The Windows installer, made by packaging/windows/build.sh with Debian's
; nsis: makensis -DVERSION=... -DSTAGE=folder -DOUTFILE=setup.exe ponte.nsi
; Per user: no administrator rights, installed under
; %LOCALAPPDATA%\Programs\Ponte (/D=DIR chooses another folder), a Start
; menu entry, and an uninstaller listed in the user's "Apps & features".
; A 64-bit installer for a 64-bit program (Debian's nsis has the amd64
; stubs and plugins); it also runs where only 64-bit Wine is installed.
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user
Name "Ponte"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Ponte"
InstallDirRegKey HKCU "Software\Ponte" "InstallDir"
Icon "${STAGE}\ponte.ico"
UninstallIcon "${STAGE}\ponte.ico"
VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "Ponte"
VIAddVersionKey "FileDescription" "Ponte installer"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "LegalCopyright" "The Ponte authors (MIT)"

!include "MUI2.nsh"
!define MUI_ICON "${STAGE}\ponte.ico"
!define MUI_UNICON "${STAGE}\ponte.ico"
!define MUI_FINISHPAGE_RUN "$INSTDIR\ponte.exe"
!define MUI_FINISHPAGE_RUN_PARAMETERS "--local-echo"
!define MUI_FINISHPAGE_RUN_TEXT "Start Ponte on its built-in echo server"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "PortugueseBR"

!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Ponte"

Section "Ponte"
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File /r "${STAGE}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\Ponte.lnk" "$INSTDIR\ponte.exe" "" "$INSTDIR\ponte.ico"
  WriteRegStr HKCU "Software\Ponte" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "Ponte"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "The Ponte authors"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\ponte.ico"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\Ponte.lnk"
  ; Only what the installer put there: the settings and saved messages in
  ; %APPDATA%\ponte stay.
  RMDir /r "$INSTDIR\assets"
  RMDir /r "$INSTDIR\locale"
  RMDir /r "$INSTDIR\licenses"
  Delete "$INSTDIR\*.dll"
  Delete "$INSTDIR\ponte.exe"
  Delete "$INSTDIR\ponte.ico"
  Delete "$INSTDIR\README.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\Ponte"
SectionEnd
