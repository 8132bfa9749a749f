// It runs the shipped rule sets on the check API's facts, and the API runs on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
