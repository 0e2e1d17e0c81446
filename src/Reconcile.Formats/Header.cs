namespace Reconcile.Formats;

/// <summary>
/// A header line checked against the columns a reader needs: every required column must be there (in any
/// order; extra columns are ignored). Rows are then checked against the header's width.
/// </summary>
internal sealed class Header
{
    private readonly string[] _names;
    private readonly int[] _indexes;

    private Header(string[] names, int[] indexes, int line)
    {
        _names = names;
        _indexes = indexes;
        Line = line;
    }

    /// <summary>The physical line of the header.</summary>
    public int Line { get; }

    public int Width => _names.Length;

    /// <summary>The field index of <paramref name="required"/>[<paramref name="column"/>].</summary>
    public int this[int column] => _indexes[column];

    /// <summary>The header name of field <paramref name="index"/>.</summary>
    public string NameAt(int index) => index < _names.Length ? _names[index] : $"#{index + 1}";

    /// <summary>
    /// Reads the current record as the header and finds each of <paramref name="required"/> in it; a missing
    /// one is an error on the header line naming that column.
    /// </summary>
    public static Header Resolve(CsvInput input, IReadOnlyList<string> required)
    {
        string[] names = input.Fields();
        var indexes = new int[required.Count];
        for (int c = 0; c < required.Count; c++)
        {
            int index = Array.IndexOf(names, required[c]);
            if (index < 0)
            {
                throw input.Error(required[c], $"found header '{input.Describe()}' without this column, expected a column named '{required[c]}'");
            }
            indexes[c] = index;
        }
        return new Header(names, indexes, input.Line);
    }

    /// <summary>
    /// A row must have exactly the header's fields: fewer means the row was cut short (the first missing column is
    /// named); more — even empty ones — means an unquoted comma (in an amount such as 304,600.00, or a memo) shifted
    /// every field after it, which must not be read as other columns.
    /// </summary>
    public void CheckRow(CsvInput input)
    {
        int count = input.FieldCount;
        if (count < Width)
        {
            throw input.Error(NameAt(count), $"found {count} fields ('{input.Describe()}'), expected {Width} as in the header on line {Line}");
        }
        if (count > Width)
        {
            throw input.Error(null, $"found {count} fields ('{input.Describe()}'), expected {Width} as in the header on line {Line}; a field containing a comma must be quoted");
        }
    }
}
