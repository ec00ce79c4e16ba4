using System.Buffers.Text;
using System.Text;
using HaVip.Domain.Errors;

namespace HaVip.Server.Http;

/// <summary>Opaque page tokens: the last id of the previous page, base64url-encoded.</summary>
public static class PageToken
{
    private const string Prefix = "after:";

    public static string Encode(string lastId) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Prefix + lastId));

    public static string? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            if (text.StartsWith(Prefix, StringComparison.Ordinal))
            {
                return text[Prefix.Length..];
            }
        }
        catch (FormatException)
        {
        }
        throw new DomainException(ErrorCode.InvalidParameter, "pageToken is not a token this API returned.", "pageToken");
    }
}
