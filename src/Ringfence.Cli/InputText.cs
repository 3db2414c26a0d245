namespace Ringfence.Cli;

/// <summary>Reads the raw input document from a file or from standard input.</summary>
internal static class InputText
{
    /// <summary>The whole text of <paramref name="file"/>, or of <paramref name="stdin"/> when no file is given.</summary>
    /// <exception cref="InputException">The file cannot be read (field <c>input</c>).</exception>
    public static string Read(FileInfo? file, TextReader stdin)
    {
        ArgumentNullException.ThrowIfNull(stdin);
        if (file is null)
        {
            return stdin.ReadToEnd();
        }

        if (Directory.Exists(file.FullName))
        {
            throw new InputException("input", $"cannot read '{file}': it is a directory, not a file");
        }

        try
        {
            return File.ReadAllText(file.FullName);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            var reason = exception is FileNotFoundException or DirectoryNotFoundException ? "no such file" : exception.Message;
            throw new InputException("input", $"cannot read '{file}': {reason}", exception);
        }
    }
}
