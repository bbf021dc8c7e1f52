package io.mediafleet.streamer.mp3;

/**
 * The information frame an encoder may put first in an MP3 file; it holds no audio and is never streamed.
 *
 * @param kind which header it is
 * @param declaredFrames the frame count the header announces, or -1 when it does not say
 */
public record VbrHeader(Kind kind, long declaredFrames) {

	/** No information frame. */
	public static final VbrHeader NONE = new VbrHeader(Kind.NONE, -1);

	/**
	 * The known information frames.
	 */
	public enum Kind {

		/** No information frame in the file. */
		NONE,
		/** LAME/Xing header of a variable bitrate file. */
		XING,
		/** The same header written by LAME for a constant bitrate file. */
		INFO,
		/** Fraunhofer's VBRI header. */
		VBRI

	}

}
