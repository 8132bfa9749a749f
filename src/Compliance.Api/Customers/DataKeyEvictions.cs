using Compliance.Api.Storage;
using Compliance.Crypto;

namespace Compliance.Api.Customers;

/// <summary>
/// Erasure on any instance evicts the subject's data key from every instance's cache: the erasing
/// transaction NOTIFYs the key id on <see cref="Channel"/> (delivered at commit) and every instance
/// LISTENs. A notification sent while an instance was not listening is lost, so each (re)connect
/// drops that instance's whole cache, which only costs a few unwraps.
/// </summary>
internal sealed class DataKeyEvictions(NotificationListener listener, CryptoServices crypto, ILogger<DataKeyEvictions> logger) : BackgroundService
{
    public const string Channel = "vault_data_keys";

    /// <summary>Sent inside the erasing transaction, so it is delivered only if the erasure commits.</summary>
    public const string Notify = "SELECT pg_notify('" + Channel + "', @DataKeyId::text)";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => listener.RunAsync(Channel, "erased data keys", Evict, Reset, stoppingToken);

    private Task Evict(string payload, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(payload, out var id) && crypto.Cache.Remove(new DataKeyId(id)))
        {
            CustomerLog.DataKeyEvicted(logger, id);
        }

        return Task.CompletedTask;
    }

    private Task Reset(CancellationToken cancellationToken)
    {
        crypto.Cache.Clear();
        return Task.CompletedTask;
    }
}
