using System.IO.Compression;
using System.Text;

namespace Compliance.Api.Tests.Screening;

/// <summary>The small list files in Fixtures/, written in each official format, and ways to break them.</summary>
internal static class ListFixtures
{
    public static string Dir => Path.Combine(AppContext.BaseDirectory, "Screening", "Fixtures");

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Dir, name));

    public static string Text(string name) => File.ReadAllText(Path.Combine(Dir, name));

    /// <summary>OFAC's three delimited files in one zip, optionally with sdn.csv replaced.</summary>
    public static byte[] OfacZip(string? sdn = null, string? alt = null)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "sdn.csv", sdn ?? Text("ofac/sdn.csv"));
            Add(zip, "alt.csv", alt ?? Text("ofac/alt.csv"));
            Add(zip, "add.csv", Text("ofac/add.csv"));
        }

        return buffer.ToArray();
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static void Add(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(content);
    }
}
