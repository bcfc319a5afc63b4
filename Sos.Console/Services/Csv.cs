using System.Text;

namespace Sos.Console.Services;

/// <summary>CSV as the console's exports write it (RFC 4180, CRLF rows), safe to open in a spreadsheet.</summary>
public static class Csv
{
    /// <summary>Appends one row of <paramref name="fields"/>.</summary>
    public static void AppendRow(StringBuilder csv, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }

            csv.Append(Quote(fields[i]));
        }

        csv.Append("\r\n");
    }

    /// <summary>UTF-8 with a byte-order mark, so spreadsheets read Cyrillic right.</summary>
    public static byte[] Bytes(StringBuilder csv) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];

    private static string Quote(string field)
    {
        // A leading =, +, - or @ would be run as a formula by spreadsheets: prefix it with a quote mark.
        var safe = field.Length > 0 && "=+-@".Contains(field[0]) ? "'" + field : field;
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }
}
