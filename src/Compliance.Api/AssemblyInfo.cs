// The host runs on Linux only: it manages PostgreSQL through runuser and Debian's server binaries,
// and protects key files with Unix permissions.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
