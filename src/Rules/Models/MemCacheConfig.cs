namespace Compliance.Rules;

/// <summary>Bounds of the compiled-workflow and expression caches.</summary>
public class MemCacheConfig
{
    /// <summary>Maximum entries per cache; the oldest is dropped first. 0 disables the action-expression cache.</summary>
    public int SizeLimit { get; set; } = 1000;
}
