package io.gen4j.data.download;

import java.util.List;

/**
 * {@code kmnist}: Kuzushiji-MNIST (Clanuwat et al. 2018), 60,000 train and 10,000 test images of 28x28
 * grey cursive hiragana in 10 classes, from ROIS-DS CODH's site. CC BY-SA 4.0. The checksums are the
 * published ones (also in TensorFlow Datasets).
 */
public final class KmnistProvider extends MnistLikeProvider {

  /** The {@code data.type}. */
  public static final String NAME = "kmnist";

  /** KMNIST as its publisher serves it. */
  public static final NamedDataset DATASET = new NamedDataset(
      NAME,
      "Kuzushiji-MNIST cursive hiragana, downloaded (60,000 train + 10,000 test, 28x28 grey, 10 classes)",
      "CC BY-SA 4.0 (ROIS-DS CODH, NIJL)",
      "http://codh.rois.ac.jp/kmnist/dataset/kmnist",
      List.of(
          RemoteFile.of(TRAIN_IMAGES, 18_165_135, "51467d22d8cc72929e2a028a0428f2086b092bb31cfb79c69cc0a90ce135fde4"),
          RemoteFile.of(TRAIN_LABELS, 29_497, "e38f9ebcd0f3ebcdec7fc8eabdcdaef93bb0df8ea12bee65224341c8183d8e17"),
          RemoteFile.of(TEST_IMAGES, 3_041_136, "edd7a857845ad6bb1d0ba43fe7e794d164fe2dce499a1694695a792adfac43c5"),
          RemoteFile.of(TEST_LABELS, 5_120, "20bb9a0ef54c7db3efc55a92eef5582c109615df22683c380526788f98e42a1c")),
      List.of("o", "ki", "su", "tsu", "na", "ha", "ma", "ya", "re", "wo"));

  public KmnistProvider() {
    this(DATASET, new Downloader());
  }

  KmnistProvider(NamedDataset dataset, Downloader downloader) {
    super(dataset, downloader);
  }
}
