// Like the host it tests, this runs on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
