package io.gen4j.data.folder;

import io.gen4j.data.DatasetException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The image files of a folder, found recursively and sorted by relative path ({@code /}-separated), with
 * their sizes and modification times, and with labels from their first-level subfolders when asked.
 * Hidden files and folders (names starting with '.') are skipped.
 *
 * @param root the folder, absolute
 * @param files every image file
 * @param classNames the sorted names of the first-level subfolders that hold images, when labelled
 */
record FolderFiles(Path root, List<ImageFile> files, List<String> classNames) {

  /** The extensions read, lower case. */
  static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

  /**
   * One image file.
   *
   * @param relative its path below the root, {@code /}-separated
   * @param label its class, or -1 when unlabelled
   */
  record ImageFile(Path path, String relative, long size, long modified, int label) {}

  /**
   * Finds the images of a folder.
   *
   * @throws DatasetException if the folder is missing or holds no image, or (with labels) an image lies
   *     outside every subfolder
   */
  static FolderFiles scan(Path folder, boolean labelled) {
    Path root = folder.toAbsolutePath().normalize();
    if (!Files.exists(root)) {
      throw new DatasetException("data.path: " + root + ": no such folder");
    }
    if (!Files.isDirectory(root)) {
      throw new DatasetException("data.path: " + root + " is a file; expected a folder of images");
    }
    List<ImageFile> found = new ArrayList<>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
          return !directory.equals(root) && hidden(directory) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
          if (attributes.isRegularFile() && !hidden(file) && EXTENSIONS.contains(extension(file))) {
            String relative = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
            found.add(new ImageFile(file, relative, attributes.size(), attributes.lastModifiedTime().toMillis(), -1));
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      throw new DatasetException(root + ": cannot list the folder: " + e.getMessage(), e);
    }
    if (found.isEmpty()) {
      throw new DatasetException(root + ": no images (.png, .jpg, .jpeg, .bmp, .gif) in this folder or its subfolders");
    }
    found.sort(Comparator.comparing(ImageFile::relative));
    if (!labelled) {
      return new FolderFiles(root, List.copyOf(found), List.of());
    }
    TreeSet<String> classes = new TreeSet<>();
    for (ImageFile file : found) {
      int slash = file.relative().indexOf('/');
      if (slash < 0) {
        throw new DatasetException(file.path() + ": with data.labels every image must be in a subfolder of " + root
            + " named after its class");
      }
      classes.add(file.relative().substring(0, slash));
    }
    if (classes.size() > 256) {
      throw new DatasetException(root + ": " + classes.size() + " class subfolders; at most 256 are supported");
    }
    List<String> classNames = List.copyOf(classes);
    List<ImageFile> labelledFiles = found.stream()
        .map(file -> new ImageFile(file.path(), file.relative(), file.size(), file.modified(),
            classNames.indexOf(file.relative().substring(0, file.relative().indexOf('/')))))
        .toList();
    return new FolderFiles(root, labelledFiles, classNames);
  }

  private static boolean hidden(Path path) {
    return path.getFileName() != null && path.getFileName().toString().startsWith(".");
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
