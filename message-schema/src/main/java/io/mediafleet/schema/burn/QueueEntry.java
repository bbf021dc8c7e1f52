package io.mediafleet.schema.burn;

/**
 * One job of the burn queue as a {@code QLIST} line reports it: {@code <job id>\t<hash>\t<priority>}.
 *
 * @param jobId the server's job identifier, one word of printable ASCII
 * @param hash md5 of the image to burn, lowercase hex
 * @param priority lower numbers burn first
 */
public record QueueEntry(String jobId, String hash, int priority) {

	public QueueEntry {
		jobId = BurnIds.token(jobId, "job id");
		hash = BurnIds.hash(hash, "hash");
	}

	/** Entry for a job. */
	public static QueueEntry of(String jobId, String hash, int priority) {
		return new QueueEntry(jobId, hash, priority);
	}

}
