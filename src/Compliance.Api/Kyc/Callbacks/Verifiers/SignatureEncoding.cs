using System.Buffers;

namespace Compliance.Api.Kyc.Callbacks.Verifiers;

/// <summary>Decoding of signature text into bytes without exceptions: a bad header is a result, not a crash.</summary>
internal static class SignatureEncoding
{
    /// <summary>Hex in either case; false on an odd length, an empty string or a non-hex character.</summary>
    public static bool TryDecodeHex(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = [];
        if (text.IsEmpty || text.Length % 2 != 0)
        {
            return false;
        }

        var buffer = new byte[text.Length / 2];
        if (Convert.FromHexString(text, buffer, out _, out var written) != OperationStatus.Done || written != buffer.Length)
        {
            return false;
        }

        bytes = buffer;
        return true;
    }

    /// <summary>Standard (padded) base64; false on anything else, including an empty string.</summary>
    public static bool TryDecodeBase64(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = [];
        if (text.IsEmpty)
        {
            return false;
        }

        var buffer = new byte[(text.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64Chars(text, buffer, out var written) || written == 0)
        {
            return false;
        }

        bytes = buffer[..written];
        return true;
    }
}
