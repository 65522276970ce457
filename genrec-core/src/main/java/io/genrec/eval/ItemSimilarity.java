package io.genrec.eval;

import io.genrec.data.Dataset;
import io.genrec.data.Item;
import io.genrec.data.ItemCatalog;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairwise similarity of the items of one recommendation list, for intra-list diversity. {@link #load} is called
 * once per list, then {@link #similarity} for pairs of list positions. An instance belongs to one worker thread;
 * {@link #forTrain} picks the definition.
 */
interface ItemSimilarity {
    void load(int[] items, int n);

    double similarity(int a, int b);

    /** A factory of per-thread instances. */
    interface Factory {
        ItemSimilarity create(int maxListLength);
    }

    /**
     * Jaccard similarity of the items' category sets when the training catalog has categories for some item
     * (two items without categories: 0); otherwise cosine similarity of the items' binary training user vectors.
     */
    static Factory forTrain(Dataset train) {
        ItemCatalog catalog = train.catalog();
        boolean hasCategories = false;
        for (int i = 0; i < catalog.size() && !hasCategories; i++) hasCategories = !catalog.get(i).categories().isEmpty();
        if (hasCategories) {
            int[][] categories = CategoryJaccard.categoryIds(catalog);
            return maxLength -> new CategoryJaccard(categories, maxLength);
        }
        return maxLength -> new UserCosine(train, maxLength);
    }

    /** |C(a) ∩ C(b)| / |C(a) ∪ C(b)| over category ids. */
    final class CategoryJaccard implements ItemSimilarity {
        private final int[][] categories;
        private final int[][] list;

        CategoryJaccard(int[][] categories, int maxLength) {
            this.categories = categories;
            this.list = new int[maxLength][];
        }

        /** Sorted dense category ids per item. */
        static int[][] categoryIds(ItemCatalog catalog) {
            Map<String, Integer> ids = new HashMap<>();
            int[][] out = new int[catalog.size()][];
            for (int i = 0; i < out.length; i++) {
                Item item = catalog.get(i);
                List<String> cats = item.categories();
                int[] c = new int[cats.size()];
                int n = 0;
                for (String cat : cats) c[n++] = ids.computeIfAbsent(cat, x -> ids.size());
                Arrays.sort(c);
                out[i] = dedupe(c);
            }
            return out;
        }

        private static int[] dedupe(int[] sorted) {
            int n = 0;
            for (int k = 0; k < sorted.length; k++) if (k == 0 || sorted[k] != sorted[k - 1]) sorted[n++] = sorted[k];
            return n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
        }

        @Override
        public void load(int[] items, int n) {
            for (int p = 0; p < n; p++) list[p] = categories[items[p]];
        }

        @Override
        public double similarity(int a, int b) {
            int[] x = list[a], y = list[b];
            int i = 0, j = 0, common = 0;
            while (i < x.length && j < y.length) {
                if (x[i] == y[j]) { common++; i++; j++; }
                else if (x[i] < y[j]) i++;
                else j++;
            }
            int union = x.length + y.length - common;
            return union == 0 ? 0 : (double) common / union;
        }
    }

    /** |U(a) ∩ U(b)| / sqrt(|U(a)| · |U(b)|) over distinct training users; 0 when either item has none. */
    final class UserCosine implements ItemSimilarity {
        private final int[] itemPtr;
        private final int[] userIdx;
        private final long[][] bits;
        private final int[] counts;

        UserCosine(Dataset train, int maxLength) {
            Dataset.Transpose t = train.itemUsers();
            itemPtr = t.itemPtr();
            userIdx = t.userIdx();
            bits = new long[maxLength][(train.numUsers() + 63) >>> 6];
            counts = new int[maxLength];
        }

        @Override
        public void load(int[] items, int n) {
            for (int p = 0; p < n; p++) {
                long[] b = bits[p];
                Arrays.fill(b, 0L);
                for (int k = itemPtr[items[p]]; k < itemPtr[items[p] + 1]; k++) b[userIdx[k] >>> 6] |= 1L << userIdx[k];
                int c = 0;
                for (long w : b) c += Long.bitCount(w);
                counts[p] = c;
            }
        }

        @Override
        public double similarity(int a, int b) {
            if (counts[a] == 0 || counts[b] == 0) return 0;
            long[] x = bits[a], y = bits[b];
            int common = 0;
            for (int w = 0; w < x.length; w++) common += Long.bitCount(x[w] & y[w]);
            return common / Math.sqrt((double) counts[a] * counts[b]);
        }
    }
}
