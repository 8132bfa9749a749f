using System.Security.Cryptography;

namespace Compliance.Crypto.Tests;

internal static class TestKeys
{
    public static readonly DataKeyId VectorKeyId = DataKeyId.Parse("00112233-4455-4677-8899-aabbccddeeff");

    public static byte[] VectorKeyBytes() => [.. Enumerable.Range(0, 32).Select(i => (byte)i)];

    public static DataKey VectorKey(long usageLimit = DataKey.MaxGcmInvocations) =>
        new(VectorKeyId, VectorKeyBytes(), 0, usageLimit);

    public static DataKey RandomWithId(DataKeyId id) =>
        new(id, RandomNumberGenerator.GetBytes(32), 0, DataKey.MaxGcmInvocations);

    public static DataKey Random(long encryptionsSoFar = 0, long usageLimit = DataKey.MaxGcmInvocations) =>
        new(DataKeyId.New(), RandomNumberGenerator.GetBytes(32), encryptionsSoFar, usageLimit);
}
