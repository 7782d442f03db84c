package io.github.execmodels.process.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.execmodels.RemoteTaskException;
import io.github.execmodels.TaskFailedException;
import io.github.execmodels.process.JavaSerializationCodec;
import io.github.execmodels.process.internal.Failures;
import io.github.execmodels.process.internal.Frames;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a compromised worker may send: sizes that lie. The parent allocates only what is really there. */
@Timeout(20)
class HostileFramesTest {

    private static final long MEBIBYTE = 1 << 20;

    @Test
    void anErrorFrameWhoseInnerLengthLiesIsReadAsAnUnreadableFailure() throws IOException {
        byte[] payload = Failures.encode(TaskFailedException.atIndex(3, new IllegalStateException("x")),
                JavaSerializationCodec.defaults());
        ByteArrayOutputStream forged = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(forged);
        out.writeLong(3);
        out.writeInt(0x7FFFFFF0); // a class name of almost 2 GiB, with nothing behind it
        out.write(payload, 12, 16);
        long allocated = allocatedBy(() -> {
            Throwable decoded = Failures.decode(forged.toByteArray(), JavaSerializationCodec.defaults());
            assertThat(decoded).isInstanceOf(RemoteTaskException.class).hasMessageContaining("unreadable");
        });
        assertThat(allocated).as("bytes allocated").isLessThan(16 * MEBIBYTE);
    }

    @Test
    void aFrameHeaderClaimingFiveHundredMebibytesAllocatesOnlyWhatArrives() throws IOException {
        ByteArrayOutputStream forged = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(forged);
        out.writeByte(Frames.MAGIC);
        out.writeByte(Frames.ERROR);
        out.writeInt(500 << 20);
        out.writeLong(1);
        out.write(new byte[1000]);
        long allocated = allocatedBy(() -> {
            Throwable failure = catchThrowable(() -> Frames.read(new DataInputStream(
                    new ByteArrayInputStream(forged.toByteArray())), 512 * MEBIBYTE, Frames.READY, Frames.CANCELLED));
            assertThat(failure).isInstanceOf(EOFException.class);
        });
        assertThat(allocated).as("bytes allocated").isLessThan(64 * MEBIBYTE);
    }

    /**
     * Bytes this thread allocated while {@code action} ran, from the JDK's thread bean. Looked up reflectively:
     * the test code is compiled into the library's module, which does not read the management modules.
     */
    private static long allocatedBy(Runnable action) {
        try {
            Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                    .invoke(null);
            java.lang.reflect.Method allocated = Class.forName("com.sun.management.ThreadMXBean")
                    .getMethod("getThreadAllocatedBytes", long.class);
            long id = Thread.currentThread().getId();
            long before = (Long) allocated.invoke(threads, id);
            action.run();
            return (Long) allocated.invoke(threads, id) - before;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no thread allocation counter in this JDK", e);
        }
    }
}
