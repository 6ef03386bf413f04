package dev.trueline.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A named Podman volume, and the files in it read from the host through its mount point, the way an operator
 * backing it up would. Rootful Podman (as {@code ./test.sh} and CI run it) keeps the files with the container's
 * own uids, so the owner read here is the image user's. Rootless Podman maps those uids, so there the files are
 * read inside Podman's user namespace ({@code podman unshare}) instead; that path was not exercised here.
 */
public final class PodmanVolume {

    private final Podman podman;
    private final String name;
    private final Path mountpoint;
    private final boolean rootless;

    private PodmanVolume(Podman podman, String name, Path mountpoint, boolean rootless) {
        this.podman = podman;
        this.name = name;
        this.mountpoint = mountpoint;
        this.rootless = rootless;
    }

    /** {@code podman volume create name}. */
    public static PodmanVolume create(Podman podman, String name) throws IOException, InterruptedException {
        podman.call("volume", "create", name);
        Path mountpoint = Path.of(podman.call("volume", "inspect", "--format", "{{.Mountpoint}}", name));
        boolean rootless = "true".equals(podman.call("info", "--format", "{{.Host.Security.Rootless}}"));
        return new PodmanVolume(podman, name, mountpoint, rootless);
    }

    public String name() {
        return name;
    }

    public boolean exists(String file) throws IOException, InterruptedException {
        return rootless ? unshare("test", "-e", path(file)).ok() : Files.exists(mountpoint.resolve(file));
    }

    /** The file's text. */
    public String read(String file) throws IOException, InterruptedException {
        return rootless ? unshare("cat", path(file)).orFail() : Files.readString(mountpoint.resolve(file));
    }

    /** The uid that owns the file, as the container sees it. */
    public int owner(String file) throws IOException, InterruptedException {
        return rootless ? Integer.parseInt(unshare("stat", "-c", "%u", path(file)).orFail())
                : (Integer) Files.getAttribute(mountpoint.resolve(file), "unix:uid");
    }

    /** {@code podman volume rm -f}: for cleanup. */
    public void remove() throws IOException, InterruptedException {
        podman.exec("volume", "rm", "-f", name);
    }

    private String path(String file) {
        return mountpoint.resolve(file).toString();
    }

    private Podman.Result unshare(String... command) throws IOException, InterruptedException {
        String[] args = new String[command.length + 1];
        args[0] = "unshare";
        System.arraycopy(command, 0, args, 1, command.length);
        return podman.exec(args);
    }
}
