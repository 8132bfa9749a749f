namespace Compliance.Api.Common;

/// <summary>Reads a raw request body that must not exceed a size (KYC callbacks, list files).</summary>
internal static class LimitedBody
{
    /// <summary>The body, or null when it is larger than <paramref name="limit"/> (checked before and while reading).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
