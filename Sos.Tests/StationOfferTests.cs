using Sos.Grains.Media;

namespace Sos.Tests;

/// <summary>
/// The operator's offer as a SIP intercom receives it: its audio narrowed to the station's codecs in the station's
/// order, DTMF kept, nothing else of the offer touched.
/// </summary>
public sealed class StationOfferTests
{
    // The audio part of a Chromium offer, as the console's microphone leg makes it.
    private const string Offer =
        "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n" +
        "m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=sendrecv\r\n" +
        "a=rtpmap:111 opus/48000/2\r\na=rtcp-fb:111 transport-cc\r\na=fmtp:111 minptime=10;useinbandfec=1\r\n" +
        "a=rtpmap:63 red/48000/2\r\na=fmtp:63 111/111\r\na=rtpmap:9 G722/8000\r\na=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:8 PCMA/8000\r\na=rtpmap:13 CN/8000\r\na=rtpmap:110 telephone-event/48000\r\n" +
        "a=rtpmap:126 telephone-event/8000\r\na=ssrc:1 cname:x\r\n";

    [Fact]
    public void StationIsOfferedOnlyItsCodecsInItsOrderWithDtmf()
    {
        var offer = MediaSdp.PreferAudio(Offer, ["PCMA", "G722"]);

        Assert.Contains("m=audio 9 UDP/TLS/RTP/SAVPF 8 9 110 126\r\n", offer, StringComparison.Ordinal);
        Assert.DoesNotContain("opus", offer, StringComparison.Ordinal);
        Assert.DoesNotContain("a=fmtp:63", offer, StringComparison.Ordinal);
        Assert.DoesNotContain("a=rtcp-fb:111", offer, StringComparison.Ordinal);
        Assert.DoesNotContain("PCMU", offer, StringComparison.Ordinal);
        Assert.Contains("a=rtpmap:8 PCMA/8000\r\n", offer, StringComparison.Ordinal);
        Assert.Contains("a=ssrc:1 cname:x\r\n", offer, StringComparison.Ordinal);
        Assert.True(MediaSdp.IsValid(offer));
    }

    [Fact]
    public void OfferWithNoneOfTheStationsCodecsIsLeftAsItIs()
    {
        Assert.Equal(Offer, MediaSdp.PreferAudio(Offer, ["AMR"]));
        Assert.Equal(Offer, MediaSdp.PreferAudio(Offer, []));
    }

    [Fact]
    public void CodecNamesMatchWhateverTheirCase()
    {
        Assert.Contains("SAVPF 111 110 126\r\n", MediaSdp.PreferAudio(Offer, ["OPUS"]), StringComparison.Ordinal);
    }
}
