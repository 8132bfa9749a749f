using System.Xml;
using System.Xml.Linq;

namespace Compliance.Api.Screening.Lists;

/// <summary>
/// Streams the party elements out of a large list XML file one at a time, each with the line it
/// starts on, without DTDs or external entities (a list file is input from outside).
/// </summary>
internal static class XmlEntries
{
    public static IEnumerable<(int Line, XElement Element)> Read(ReadOnlyMemory<byte> content, string file, string expectedRoot, ISet<string> entryNames)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreWhitespace = true,
        };
        using var reader = XmlReader.Create(new MemoryStream(content.ToArray()), settings);
        var lineInfo = (IXmlLineInfo)reader;
        var rootSeen = false;
        while (true)
        {
            bool more;
            try
            {
                more = reader.Read();
            }
            catch (XmlException e)
            {
                throw new ListFormatException($"{file} line {e.LineNumber}", $"not well-formed XML ({FirstSentence(e.Message)})");
            }

            if (!more)
            {
                break;
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (!rootSeen)
            {
                if (reader.LocalName != expectedRoot)
                {
                    throw new ListFormatException($"{file} line {lineInfo.LineNumber}", $"root element is <{reader.LocalName}>, expected <{expectedRoot}>");
                }

                rootSeen = true;
                continue;
            }

            while (reader.NodeType == XmlNodeType.Element && entryNames.Contains(reader.LocalName))
            {
                var line = lineInfo.LineNumber;
                XElement element;
                try
                {
                    // ReadFrom leaves the reader on the node after the element, possibly the next entry.
                    element = (XElement)XNode.ReadFrom(reader);
                }
                catch (XmlException e)
                {
                    throw new ListFormatException($"{file} line {e.LineNumber}", $"not well-formed XML ({FirstSentence(e.Message)})");
                }

                yield return (line, element);
            }
        }

        if (!rootSeen)
        {
            throw new ListFormatException($"{file} line 1", $"no <{expectedRoot}> element");
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
