@echo off
rem Doorstep launcher for Windows. Extra JVM options: DOORSTEP_JAVA_OPTS. Java: JAVA_HOME or java on PATH.
setlocal
set "APP_HOME=%~dp0.."
if defined JAVA_HOME (
  set "JAVA=%JAVA_HOME%\bin\java.exe"
) else (
  set "JAVA=java.exe"
)
"%JAVA%" -XX:+UseSerialGC -XX:-UsePerfData -Xms16m -Xmx768m -XX:MinHeapFreeRatio=15 -XX:MaxHeapFreeRatio=30 -XX:+ExitOnOutOfMemoryError %DOORSTEP_JAVA_OPTS% "-Ddoorstep.launcher=%APP_HOME%\bin\doorstep.bat" -cp "%APP_HOME%\lib\*" org.doorstep.Main %*
exit /b %ERRORLEVEL%
