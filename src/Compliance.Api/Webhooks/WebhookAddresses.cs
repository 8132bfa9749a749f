using System.Net;
using System.Net.Sockets;

namespace Compliance.Api.Webhooks;

/// <summary>
/// Keeps webhooks off the service's own network: a client chooses the URL, so without this a client
/// key could make the service POST to loopback, the cloud metadata address or internal hosts. The
/// address is checked when the connection is made, after DNS resolution, so a name that resolves (or
/// is later re-pointed) to a private address is refused too.
/// </summary>
internal static class WebhookAddresses
{
    /// <summary>Whether <paramref name="address"/> is on the public internet: not loopback, private, link-local, shared, reserved or multicast.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] is 0 or 10 or 127 or >= 224
                || (b[0] == 100 && b[1] is >= 64 and < 128)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] is >= 16 and < 32)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                || (b[0] == 198 && b[1] is 18 or 19));
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(IPAddress.IPv6Loopback.Equals(address) || IPAddress.IPv6None.Equals(address) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal
                || address.IsIPv6Multicast || (b[0] & 0xFE) == 0xFC);
        }

        return false;
    }

    /// <summary>
    /// Resolves the host, keeps its public addresses (all of them when <paramref name="allowPrivate"/>) and
    /// connects to the first that answers; refused with the reason when none is allowed.
    /// </summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowPrivate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host;
        var resolved = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = resolved.Where(a => allowPrivate || IsPublic(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new WebhookAddressRefusedException(host);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>A delivery refused because its host resolves only to addresses webhooks may not reach.</summary>
internal sealed class WebhookAddressRefusedException(string host)
    : HttpRequestException(HttpRequestError.ConnectionError, $"refused: {host} resolves only to loopback, private or reserved addresses (Webhooks:AllowPrivateAddresses is off)");
